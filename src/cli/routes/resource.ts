import type { Area } from "../route-types.js";

export const resourceArea: Area = {
  name: "resource",
  summary: "",
  routes: [],
};
