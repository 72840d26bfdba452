import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const cib = () => import("../../commands/cluster/cib.js");

export const clusterArea: Area = {
  name: "cluster",
  summary: "Configure cluster options and nodes.",
  routes: [
    {
      path: ["cluster", "cib"],
      synopsis: "cib [filename] [scope=<scope> | --config]",
      help:
        "Get the raw xml from the CIB (Cluster Information Base). If a filename is provided, we save the CIB to " +
        "that file, otherwise the CIB is printed. Specify scope to get a specific section of the CIB. Valid values " +
        "of the scope are: acls, alerts, configuration, constraints, crm_config, fencing-topology, nodes, " +
        "op_defaults, resources, rsc_defaults, tags. --config is the same as scope=configuration. Do not specify a " +
        "scope if you want to edit the saved CIB using pcs (pcs -f <command>).",
      options: ["--config"],
      complete: ["file"],
      run: lazy(cib, (m) => m.cibCommand),
    },
  ],
};
