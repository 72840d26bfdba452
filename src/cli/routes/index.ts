// The one route table: dispatch, --help, bash completion and the man page are all made from it.
import type { Area, Route } from "../route-types.js";
import { aclArea } from "./acl.js";
import { alertArea } from "./alert.js";
import { boothArea } from "./booth.js";
import { clusterArea } from "./cluster.js";
import { configArea } from "./config.js";
import { constraintArea } from "./constraint.js";
import { hostArea } from "./host.js";
import { nodeArea } from "./node.js";
import { propertyArea } from "./property.js";
import { quorumArea } from "./quorum.js";
import { resourceArea } from "./resource.js";
import { simulateArea } from "./simulate.js";
import { statusArea } from "./status.js";
import { stonithArea } from "./stonith.js";
import { tagArea } from "./tag.js";

/** In the order pcs lists them in its usage. */
export const AREAS: readonly Area[] = [
  clusterArea,
  resourceArea,
  stonithArea,
  constraintArea,
  propertyArea,
  aclArea,
  quorumArea,
  boothArea,
  statusArea,
  configArea,
  hostArea,
  nodeArea,
  alertArea,
  tagArea,
  simulateArea,
].filter((a) => a.summary);

export const findArea = (name: string): Area | undefined => AREAS.find((a) => a.name === name);

/** The route whose path is the longest prefix of `words`. */
export function matchRoute(words: readonly string[]): Route | undefined {
  const area = findArea(words[0]);
  if (!area) return undefined;
  let best: Route | undefined;
  for (const route of area.routes) {
    const { path } = route;
    if (path.length <= words.length && path.every((w, i) => w === words[i]) && (!best || path.length > best.path.length)) {
      best = route;
    }
  }
  if (!best && words.length === 1 && area.defaultPath) return matchRoute(area.defaultPath);
  return best;
}

export const allRoutes = (): Route[] => AREAS.flatMap((a) => a.routes);
