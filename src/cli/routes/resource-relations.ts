// resource relations
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./resource-manage.js";

const relations = () => import("../../commands/resource/relations.js");
const legacy = () => import("../../commands/legacy.js");

export const resourceRelationsRoutes: Route[] = [
  {
    path: ["resource", "relations"],
    synopsis: "relations <resource id> [--full]",
    help:
      "Show the resources related to a resource as a tree: through order constraints and through groups, clones and " +
      "bundles. With --full, constraint ids and resource types are shown too.",
    options: ["--full"],
    complete: ["resource"],
    run: withUsage(() => resourceRelationsRoutes[0], lazy(relations, (m) => m.relationsCommand)),
  },
  {
    // removed in pcs 0.11: says what replaced it
    path: ["resource", "show"],
    synopsis: "show",
    help: "Removed in pcs 0.11: use 'pcs resource status' or 'pcs resource config'.",
    options: ["--full", "--groups", "--hide-inactive"],
    hidden: true,
    run: lazy(legacy, (m) => (ctx) => m.showReplaced(ctx, "resource")),
  },
];
