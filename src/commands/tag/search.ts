// Finding an element of given kinds by id, with pcs's reasons when there is none
// ("<types> 'x' does not exist" or "'x' is not a <type>").
import { findById } from "../../cib/document.js";
import { findFirst, type XmlElement } from "../../cib/xml.js";
import { error, type ReportItem } from "../../report/index.js";

export interface Found {
  element?: XmlElement;
  report?: ReportItem;
}

/**
 * The element under `context` with one of `tags` and this id; otherwise a report naming `types`
 * (e.g. "bundle/clone/group/resource"), based on what else carries the id in the configuration.
 */
export function searchElement(cib: XmlElement, context: XmlElement | undefined, tags: ReadonlySet<string>, id: string, types: string): Found {
  const element = context && findFirst(context, (e) => e.attrs.id === id && tags.has(e.name));
  if (element) return { element };
  const other = findById(cib, id);
  if (!other) return { report: error("ID_OF_TYPE_NOT_FOUND", { id, types }) };
  return { report: error("ID_OF_UNEXPECTED_TYPE", { id, types }) };
}
