// resource status (from the CIB status section)
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const status = () => import("../../commands/status/status.js");

export const resourceStatusRoutes: Route[] = [
  {
    path: ["resource", "status"],
    synopsis: "[status [<resource id | tag id>] [node=<node>] [--hide-inactive]]",
    help:
      "Show status of all currently configured resources. If --hide-inactive is specified, only show active resources. " +
      "If a resource or tag id is specified, only show status of the specified resource or resources in the specified " +
      "tag. If node is specified, only show status of resources configured for the specified node.",
    options: ["--hide-inactive"],
    complete: ["resource"],
    // pcs answers a wrong call with the whole resource usage
    run: withUsage(lazy(status, (m) => m.resourceStatusCommand), ["resource"]),
  },
];
