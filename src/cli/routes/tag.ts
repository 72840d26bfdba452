import type { Area } from "../route-types.js";

export const tagArea: Area = {
  name: "tag",
  summary: "",
  routes: [],
};
