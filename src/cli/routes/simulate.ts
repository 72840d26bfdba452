import type { Area } from "../route-types.js";

export const simulateArea: Area = {
  name: "simulate",
  summary: "",
  routes: [],
};
