import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const load = () => import("../../commands/config/index.js");

export const configArea: Area = {
  name: "config",
  summary: "View and manage cluster configuration.",
  defaultPath: ["config", "show"],
  routes: [
    {
      path: ["config", "show"],
      synopsis: "[show]",
      help:
        "Print the whole cluster configuration: cluster name and nodes, resources, stonith devices and fencing " +
        "levels, constraints, alerts, resource and operation defaults, cluster properties, tags and quorum options.",
      run: lazy(load, (m) => m.configShow),
    },
  ],
};
