// resource delete/op/meta/clone/promotable/master/group/enable/disable/manage/defaults/utilization/config
import type { Route } from "../route-types.js";

export const resourceManageRoutes: Route[] = [];
