import type { Area } from "../route-types.js";

export const quorumArea: Area = {
  name: "quorum",
  summary: "",
  routes: [],
};
