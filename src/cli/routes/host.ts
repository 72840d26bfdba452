import type { Area } from "../route-types.js";

export const hostArea: Area = {
  name: "host",
  summary: "",
  routes: [],
};
