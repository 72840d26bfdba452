import { common } from "./common.js";
import { resource } from "./resource.js";
import { stonith } from "./stonith.js";
import { property } from "./property.js";
import { constraint } from "./constraint.js";
import { agents } from "./agents.js";
import { cluster } from "./cluster.js";
import { node } from "./node.js";
import { alert } from "./alert.js";
import { tag } from "./tag.js";
import { acl } from "./acl.js";
import { status } from "./status.js";
import { scheduler } from "./scheduler.js";
import { transport } from "./transport.js";
import { remoteNode } from "./remote-node.js";

/** The one table of report texts, assembled from one module per area. */
export const messages = {
  ...common,
  ...resource,
  ...stonith,
  ...property,
  ...constraint,
  ...agents,
  ...cluster,
  ...node,
  ...alert,
  ...tag,
  ...acl,
  ...status,
  ...scheduler,
  ...transport,
  ...remoteNode,
};
