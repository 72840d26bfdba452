// stonith level add/remove/clear/config/verify
import type { Route } from "../route-types.js";

export const stonithLevelRoutes: Route[] = [];
