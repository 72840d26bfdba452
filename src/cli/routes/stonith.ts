import type { Area } from "../route-types.js";
import { stonithAgentRoutes } from "./stonith-agents.js";
import { stonithLevelRoutes } from "./stonith-level.js";
import { stonithManageRoutes } from "./stonith-manage.js";
import { stonithLiveRoutes } from "./live-only.js";
import { stonithDefaultsRoutes } from "./resource-defaults.js";
import { stonithFailcountRoutes } from "./resource-failcount.js";

export const stonithArea: Area = {
  name: "stonith",
  summary: "Manage fence devices.",
  defaultPath: ["stonith", "status"],
  routes: [...stonithAgentRoutes, ...stonithManageRoutes, ...stonithDefaultsRoutes, ...stonithFailcountRoutes, ...stonithLevelRoutes, ...stonithLiveRoutes],
};
