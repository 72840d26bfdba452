// stonith delete/remove/enable/disable/config
import type { Route } from "../route-types.js";

export const stonithManageRoutes: Route[] = [];
