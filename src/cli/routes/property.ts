import type { Area } from "../route-types.js";

export const propertyArea: Area = {
  name: "property",
  summary: "",
  routes: [],
};
