import type { Area } from "../route-types.js";

export const alertArea: Area = {
  name: "alert",
  summary: "",
  routes: [],
};
