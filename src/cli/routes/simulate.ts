import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const simulate = () => import("../../commands/simulate/simulate.js");

export const simulateArea: Area = {
  name: "simulate",
  summary: "Show what the cluster would do with the current configuration and status.",
  defaultPath: ["simulate"],
  routes: [
    {
      path: ["simulate"],
      synopsis: "[--time <ISO 8601 date and time>] [--scores] [--save-graph <file>]",
      help:
        "Run the scheduler on the CIB (the -f file, or the live cluster's CIB) and print the cluster status, the " +
        "transition summary (starts, stops, moves, promotions, fencing), the actions it would execute and the " +
        "resulting status, as crm_simulate -S does. --time evaluates rules and failure timeouts at that time; " +
        "--scores also prints the allocation scores; --save-graph writes the transition graph (Pacemaker's " +
        "<transition_graph>, as crm_simulate -G does) to the file.",
      options: ["--time", "--scores", "--save-graph"],
      complete: [],
      run: lazy(simulate, (m) => m.simulateCommand),
    },
  ],
};
