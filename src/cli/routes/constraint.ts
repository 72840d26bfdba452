import type { Area } from "../route-types.js";

export const constraintArea: Area = {
  name: "constraint",
  summary: "",
  routes: [],
};
