import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const status = () => import("../../commands/status/status.js");

export const statusArea: Area = {
  name: "status",
  summary: "View cluster status.",
  defaultPath: ["status", "status"],
  routes: [
    {
      path: ["status", "status"],
      synopsis: "[status] [--full] [--hide-inactive]",
      help:
        "Show the cluster's nodes and resources as recorded in the CIB's status section (--hide-inactive leaves " +
        "out resources that are not running; --full is accepted for compatibility).",
      options: ["--full", "--hide-inactive"],
      complete: [],
      run: lazy(status, (m) => m.statusCommand),
    },
    {
      path: ["status", "resources"],
      synopsis: "resources [<resource id | tag id>] [node=<node>] [--hide-inactive]",
      help:
        "Show the status of the configured resources. With a resource id, only that resource; with node, only " +
        "resources running on that node; --hide-inactive shows only running resources.",
      options: ["--hide-inactive"],
      complete: ["resource"],
      run: lazy(status, (m) => m.resourceStatusCommand),
    },
    {
      path: ["status", "nodes"],
      synopsis: "nodes [corosync | both | config]",
      help: "Show the nodes grouped by their state (online, standby, maintenance, offline).",
      complete: [["corosync", "both", "config"]],
      run: lazy(status, (m) => m.statusNodesCommand),
    },
  ],
};
