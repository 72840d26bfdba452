import type { Area } from "../route-types.js";

export const nodeArea: Area = {
  name: "node",
  summary: "",
  routes: [],
};
