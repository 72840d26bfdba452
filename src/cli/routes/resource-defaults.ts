// resource defaults / resource op defaults (rsc_defaults, op_defaults)
import type { Route } from "../route-types.js";

export const resourceDefaultsRoutes: Route[] = [];
