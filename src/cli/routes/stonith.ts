import type { Area } from "../route-types.js";

export const stonithArea: Area = {
  name: "stonith",
  summary: "",
  routes: [],
};
