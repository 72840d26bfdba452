// Which resources a change removed from the nodes' operation histories (a cleanup or refresh written
// into the status section): those nodes must forget them too, or they would report them again.
import { childElements, type XmlElement } from "../../cib/xml.js";

function histories(cib: XmlElement): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const status = childElements(cib, "status")[0];
  for (const state of status ? childElements(status, "node_state") : []) {
    const ids = new Set<string>();
    for (const lrm of childElements(state, "lrm"))
      for (const resources of childElements(lrm, "lrm_resources")) for (const lr of childElements(resources, "lrm_resource")) ids.add(lr.attrs.id);
    out.set(state.attrs.uname ?? "", ids);
  }
  return out;
}

export function lrmResourcesRemoved(before: XmlElement, after: XmlElement): { node: string; rscId: string }[] {
  const now = histories(after);
  const out: { node: string; rscId: string }[] = [];
  for (const [node, ids] of histories(before)) {
    const kept = now.get(node) ?? new Set<string>();
    for (const rscId of ids) if (!kept.has(rscId)) out.push({ node, rscId });
  }
  return out;
}
