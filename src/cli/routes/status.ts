import type { Area } from "../route-types.js";

export const statusArea: Area = {
  name: "status",
  summary: "",
  routes: [],
};
