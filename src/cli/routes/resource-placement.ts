// resource move-with-constraint/ban/clear/relocate (location constraints made for placement)
import type { Route } from "../route-types.js";

export const resourcePlacementRoutes: Route[] = [];
