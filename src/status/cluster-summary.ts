// The head of crm_mon's "Cluster Summary" on a live cluster: stack, DC and quorum, when the status
// was taken and when the configuration last changed.
import { childElements, type XmlElement } from "../cib/xml.js";
import { epochText } from "../cib/ctime.js";
import { clusterProperty } from "../cib/properties.js";

/** "Last change:  <time> by <user> via <client> on <origin>", as crm_mon builds it. */
function lastChange(cib: XmlElement): string {
  let s = cib.attrs["cib-last-written"] ?? "";
  if (cib.attrs["update-user"]) s += ` by ${cib.attrs["update-user"]}`;
  if (cib.attrs["update-client"]) s += ` via ${cib.attrs["update-client"]}`;
  if (cib.attrs["update-origin"]) s += ` on ${cib.attrs["update-origin"]}`;
  return s;
}

export function liveSummaryHead(cib: XmlElement, now: number, localNode?: string): string[] {
  const status = childElements(cib, "status")[0];
  const dcId = cib.attrs["dc-uuid"];
  const dcState = dcId && status ? childElements(status, "node_state").find((s) => s.attrs.id === dcId) : undefined;
  const nodes = childElements(childElements(childElements(cib, "configuration")[0] ?? cib, "nodes")[0] ?? cib, "node");
  const dcName = dcState?.attrs.uname ?? nodes.find((n) => n.attrs.id === dcId)?.attrs.uname;
  const quorum = cib.attrs["have-quorum"] === "1" || cib.attrs["have-quorum"] === "true" ? "partition with quorum" : "partition WITHOUT quorum";
  const version = clusterProperty(cib, "dc-version") ?? "unknown";
  return [
    "  * Stack: corosync",
    dcName ? `  * Current DC: ${dcName} (version ${version}) - ${quorum}` : "  * Current DC: NONE",
    `  * Last updated: ${epochText(Math.floor(now / 1000))}${localNode ? ` on ${localNode}` : ""}`,
    `  * Last change:  ${lastChange(cib)}`,
  ];
}
