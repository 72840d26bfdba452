// stonith create/update/describe/list
import type { Route } from "../route-types.js";

export const stonithAgentRoutes: Route[] = [];
