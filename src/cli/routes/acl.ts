import type { Area } from "../route-types.js";

export const aclArea: Area = {
  name: "acl",
  summary: "",
  routes: [],
};
