// pcs's _detect_guest_change: the resource commands that set meta attributes (resource meta,
// resource update) refuse, unless forced, to make or unmake a guest node through `remote-node`,
// and even forced the new node must not take the name or address of another.
import { IdIndex } from "../../cib/ids.js";
import { section } from "../../cib/document.js";
import { guestConflicts, pacemakerNodes } from "../../cib/remote-node.js";
import type { XmlElement } from "../../cib/xml.js";
import { forceableError, type Reports } from "../../report/index.js";

export function refuseGuestChange(cib: XmlElement, meta: Record<string, string>, reports: Reports): void {
  if (!("remote-node" in meta)) return;
  reports.add(forceableError(meta["remote-node"] ? "USE_COMMAND_NODE_ADD_GUEST" : "USE_COMMAND_NODE_REMOVE_GUEST", undefined as never));
  if (meta["remote-node"]) reports.add(...guestConflicts(new IdIndex(cib), pacemakerNodes(section(cib, "resources")), meta["remote-node"], meta));
  // pcs stops with a library error of no reports of its own: its closing summary line follows
  reports.throwIfErrors();
}
