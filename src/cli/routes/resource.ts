import type { Area } from "../route-types.js";
import { resourceAgentRoutes } from "./resource-agents.js";
import { resourceDefaultsRoutes } from "./resource-defaults.js";
import { resourceManageRoutes } from "./resource-manage.js";
import { resourcePlacementRoutes } from "./resource-placement.js";
import { resourceStatusRoutes } from "./resource-status.js";
import { resourceLiveRoutes } from "./live-only.js";
import { resourceBundleRoutes } from "./resource-bundle.js";
import { resourceFailcountRoutes } from "./resource-failcount.js";
import { resourceRelationsRoutes } from "./resource-relations.js";

export const resourceArea: Area = {
  name: "resource",
  summary: "Manage cluster resources.",
  defaultPath: ["resource", "status"],
  routes: [...resourceStatusRoutes, ...resourceAgentRoutes, ...resourceManageRoutes, ...resourceDefaultsRoutes, ...resourcePlacementRoutes, ...resourceBundleRoutes, ...resourceFailcountRoutes, ...resourceRelationsRoutes, ...resourceLiveRoutes],
};
