// Alerts in the CIB: pure edits of the alerts section with pcs's ids and checks.
import { section, findSection } from "../../cib/document.js";
import { IdIndex, validateId } from "../../cib/ids.js";
import { arrangeFirstNvset, nvsetPairs, type NvPairs } from "../../cib/nvset.js";
import { childElements, createElement, detach, findFirst, firstChild, type XmlElement } from "../../cib/xml.js";
import { error, forceableError, ReportedError, type Reports } from "../../report/index.js";

/** pcs raising a LibraryError directly: the errors, without the closing summary line. */
export function stopIfErrors(reports: Reports): void {
  if (reports.hasErrors) throw new ReportedError([], false);
}

export interface NvsetArgs {
  options: NvPairs;
  meta: NvPairs;
}

/** An element of the alerts section by tag and id, or a report why there is none. */
function findInAlerts(cib: XmlElement, id: string, type: "alert" | "recipient", reports: Reports): XmlElement | undefined {
  const alerts = findSection(cib, "alerts");
  const found = alerts && findFirst(alerts, (e) => e.attrs.id === id && e !== alerts);
  if (!found) reports.add(error("ID_NOT_FOUND", { id, expectedTypes: [type] }));
  else if (found.name !== type) reports.add(error("ALERT_ID_WRONG_TYPE", { id, type }));
  else return found;
  return undefined;
}

function setOptional(element: XmlElement, name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value) element.attrs[name] = value;
  else delete element.attrs[name];
}

function arrangeSets(element: XmlElement, sets: NvsetArgs, ids: IdIndex): void {
  arrangeFirstNvset("instance_attributes", element, sets.options, ids);
  arrangeFirstNvset("meta_attributes", element, sets.meta, ids);
}

export function createAlert(
  cib: XmlElement,
  args: { id?: string; path: string; description?: string } & NvsetArgs,
  reports: Reports,
): void {
  const ids = new IdIndex(cib);
  let id = args.id;
  if (id) {
    reports.add(...validateId(id, "alert-id"));
    if (!reports.hasErrors) reports.add(...ids.book(id));
    stopIfErrors(reports);
  } else id = ids.allocate("alert");
  const alert = createElement("alert", { id, path: args.path }, section(cib, "alerts"));
  if (args.description) alert.attrs.description = args.description;
  arrangeSets(alert, args, ids);
}

export function updateAlert(
  cib: XmlElement,
  args: { id: string; path?: string; description?: string } & NvsetArgs,
  reports: Reports,
): void {
  const alert = findInAlerts(cib, args.id, "alert", reports);
  stopIfErrors(reports);
  if (args.path) alert!.attrs.path = args.path;
  setOptional(alert!, "description", args.description);
  arrangeSets(alert!, args, new IdIndex(cib));
}

export function removeAlerts(cib: XmlElement, idList: readonly string[], reports: Reports): void {
  for (const id of idList) {
    const alert = findInAlerts(cib, id, "alert", reports);
    if (alert) detach(alert);
  }
}

function ensureUniqueValue(alert: XmlElement, value: string, ownId: string, reports: Reports): void {
  const clash = childElements(alert, "recipient").some((r) => r.attrs.value === value && r.attrs.id !== ownId);
  if (clash) reports.add(forceableError("CIB_ALERT_RECIPIENT_ALREADY_EXISTS", { alert: alert.attrs.id ?? "", value }));
  reports.throwIfErrors();
}

export function addRecipient(
  cib: XmlElement,
  args: { alertId: string; value: string; id?: string; description?: string } & NvsetArgs,
  reports: Reports,
): void {
  const ids = new IdIndex(cib);
  let id = args.id;
  if (id === undefined) id = ids.allocate(`${args.alertId}-recipient`);
  else reports.add(...ids.book(id));
  stopIfErrors(reports);
  const alert = findInAlerts(cib, args.alertId, "alert", reports);
  stopIfErrors(reports);
  ensureUniqueValue(alert!, args.value, "", reports);
  // pcs does not check a given recipient id; the CIB schema (xsd:ID) rejects a bad one on push.
  if (validateId(id).length) throw new ReportedError([error("CIB_UPDATE_SCHEMA_INVALID", undefined)], false);
  const recipient = createElement("recipient", { id, value: args.value }, alert!);
  if (args.description) recipient.attrs.description = args.description;
  arrangeSets(recipient, args, ids);
}

export function updateRecipient(
  cib: XmlElement,
  args: { id: string; value?: string; description?: string } & NvsetArgs,
  reports: Reports,
): void {
  const recipient = findInAlerts(cib, args.id, "recipient", reports);
  stopIfErrors(reports);
  if (args.value !== undefined) {
    ensureUniqueValue(recipient!.parent!, args.value, args.id, reports);
    recipient!.attrs.value = args.value;
  }
  setOptional(recipient!, "description", args.description);
  arrangeSets(recipient!, args, new IdIndex(cib));
}

export function removeRecipients(cib: XmlElement, idList: readonly string[], reports: Reports): void {
  for (const id of idList) {
    const recipient = findInAlerts(cib, id, "recipient", reports);
    if (recipient) detach(recipient);
  }
}

// ---- reading --------------------------------------------------------------------------------

export interface NvpairDto {
  id: string;
  name: string;
  value: string;
}

export interface RecipientDto {
  id: string;
  value: string;
  description: string;
  instance_attributes: NvpairDto[];
  meta_attributes: NvpairDto[];
}

export interface AlertDto {
  id: string;
  path: string;
  description: string;
  instance_attributes: NvpairDto[];
  meta_attributes: NvpairDto[];
  recipient_list: RecipientDto[];
}

const pairsOf = (e: XmlElement, tag: string): NvpairDto[] => {
  const set = firstChild(e, tag);
  return set ? nvsetPairs(set) : [];
};

export function allAlerts(cib: XmlElement): AlertDto[] {
  const alerts = findSection(cib, "alerts");
  if (!alerts) return [];
  return childElements(alerts, "alert").map((a) => ({
    id: a.attrs.id ?? "",
    path: a.attrs.path ?? "",
    description: a.attrs.description ?? "",
    instance_attributes: pairsOf(a, "instance_attributes"),
    meta_attributes: pairsOf(a, "meta_attributes"),
    recipient_list: childElements(a, "recipient").map((r) => ({
      id: r.attrs.id ?? "",
      value: r.attrs.value ?? "",
      description: r.attrs.description ?? "",
      instance_attributes: pairsOf(r, "instance_attributes"),
      meta_attributes: pairsOf(r, "meta_attributes"),
    })),
  }));
}
