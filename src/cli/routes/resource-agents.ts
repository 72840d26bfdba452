// resource create/update/describe/list/agents/standards/providers (agents and parameters)
import type { Route } from "../route-types.js";

export const resourceAgentRoutes: Route[] = [];
