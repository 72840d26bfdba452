import type { Area } from "../route-types.js";

export const configArea: Area = {
  name: "config",
  summary: "",
  routes: [],
};
