// resource status (from the CIB status section)
import type { Route } from "../route-types.js";

export const resourceStatusRoutes: Route[] = [];
