import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const lifecycle = () => import("../../commands/cluster/lifecycle.js");

export const quorumArea: Area = {
  name: "quorum",
  summary: "Manage cluster quorum settings.",
  defaultPath: ["quorum", "status"],
  routes: [
    {
      path: ["quorum", "status"],
      synopsis: "status",
      help: "Show quorum runtime status: expected and total votes, whether the partition is quorate, members.",
      run: lazy(lifecycle, (m) => m.quorumStatusCommand),
    },
  ],
};
