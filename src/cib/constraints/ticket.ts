// Ticket constraints: `ticket add`, `ticket set`, `ticket delete`.
import { deprecation, error, type ReportItem, type Reports } from "../../report/index.js";
import { IdIndex, validateId } from "../ids.js";
import { createElement, detach, type XmlElement } from "../xml.js";
import { capitalize, constraintsOf, constraintsSection, newRolesSupported, roleForCib, ROLES } from "./common.js";
import { UsageError } from "./errors.js";
import { prepareOptions, type Options } from "./options.js";
import { checkDuplicates, checkOptionNames, constraintIdOption, createWithSets, raise, setConstraintId, validResourceId, sameSets, type SetConstraintKind } from "./sets.js";
import { quoteList } from "../../report/index.js";

const LOSS_POLICIES = ["fence", "stop", "freeze", "demote"];
const TICKET_RE = /^[a-zA-Z0-9-]{1,63}$/;

function commonChecks(options: Options): ReportItem[] {
  const items: ReportItem[] = [];
  const policy = options.get("loss-policy");
  if (policy !== undefined) {
    if (!LOSS_POLICIES.includes(policy)) items.push(error("INVALID_OPTION_VALUE", { name: "loss-policy", value: policy, allowed: quoteList(LOSS_POLICIES) }));
    options.set("loss-policy", policy.toLowerCase());
  }
  return items;
}

const ticketNameChecks = (ticket: string): ReportItem[] => (TICKET_RE.test(ticket) ? [] : [error("BOOTH_TICKET_NAME_INVALID", { ticket })]);

/** `ticket add <ticket> [<role>] <rsc> [options] [id=<id>]`. */
export function ticketAdd(cib: XmlElement, args: { words: string[]; force: boolean; reports: Reports }): void {
  const firstOption = args.words.findIndex((w) => w.includes("="));
  const info = firstOption < 0 ? args.words : args.words.slice(0, firstOption);
  const optionWords = firstOption < 0 ? [] : args.words.slice(firstOption);
  if (!info.length) throw new UsageError("Ticket not specified");
  const [ticket, ...spec] = info;
  if (spec.length !== 1 && spec.length !== 2) throw new UsageError(`invalid resource specification: '${spec.join(" ")}'`);
  const [role, rscId] = spec.length === 2 ? spec : ["", spec[0]];
  const options = prepareOptions(optionWords);
  if (options.has("rsc-role")) throw new UsageError("Resource role must not be specified among options, specify it before resource id");
  if (role) options.set("rsc-role", role);

  const { reports } = args;
  const resourceId = validResourceId(cib, rscId, args.force, reports);
  reports.add(...commonChecks(options));
  if (!ticket) reports.add(error("REQUIRED_OPTIONS_ARE_MISSING", { names: ["ticket"] }));
  else reports.add(...ticketNameChecks(ticket));
  const rscRole = options.get("rsc-role");
  if (rscRole) {
    const cap = capitalize(rscRole);
    if (!(ROLES as readonly string[]).includes(cap)) reports.add(error("INVALID_OPTION_VALUE", { name: "role", value: rscRole, allowed: quoteList([...ROLES]) }));
    else if (cap === "Master" || cap === "Slave") reports.add(deprecation("DEPRECATED_OPTION_VALUE", { option: "role", value: rscRole, replacedBy: roleForCib(cap, true) }));
  }
  const bad = [...options.keys()].filter((n) => !["loss-policy", "rsc-role", "id"].includes(n));
  if (bad.length) reports.add(error("CONSTRAINT_INVALID_OPTIONS", { names: bad.sort(), allowed: ["id", "loss-policy"] }));
  reports.throwIfErrors();

  options.set("ticket", ticket);
  options.set("rsc", resourceId);
  if (options.has("rsc-role")) {
    if (options.get("rsc-role")) options.set("rsc-role", roleForCib(capitalize(options.get("rsc-role")!), newRolesSupported(cib)));
    else options.delete("rsc-role");
  }
  const ids = new IdIndex(cib);
  const id = options.get("id");
  if (id === undefined) {
    const r = options.get("rsc-role");
    options.set("id", ids.allocate(`ticket-${ticket}-${resourceId}${r ? "-" + r : ""}`));
  } else {
    const invalid = validateId(id, "constraint id");
    if (invalid.length) raise(...invalid);
    if (ids.has(id)) raise(error("ID_ALREADY_EXISTS", { id }));
  }
  const element = createElement("rsc_ticket", Object.fromEntries(options), constraintsSection(cib));
  const newRoles = newRolesSupported(cib);
  checkDuplicates(cib, element, {
    force: args.force,
    reports,
    same: (a, b) =>
      !b.children.some((c) => c.name === "resource_set") &&
      roleForCib(a.attrs["rsc-role"] ?? "", newRoles) === roleForCib(b.attrs["rsc-role"] ?? "", newRoles) &&
      (a.attrs.ticket ?? "") === (b.attrs.ticket ?? "") &&
      (a.attrs.rsc ?? "") === (b.attrs.rsc ?? ""),
  });
}

export const ticketSetKind: SetConstraintKind = {
  tag: "rsc_ticket",
  prepare: (cib, options: Options, sets, ids) => {
    checkOptionNames(options, ["loss-policy", "ticket", "id"]);
    constraintIdOption(options, ids, () => setConstraintId(ids, "ticket", sets));
    const items = commonChecks(options);
    const ticket = options.get("ticket");
    if (ticket === undefined || !ticket.trim()) items.push(error("REQUIRED_OPTIONS_ARE_MISSING", { names: ["ticket"] }));
    else items.push(...ticketNameChecks(ticket));
    if (items.length) raise(...items);
    return options;
  },
  same: (a, b) => a.attrs.ticket === b.attrs.ticket && sameSets(a, b),
};

export const ticketSet = (cib: XmlElement, args: Parameters<typeof createWithSets>[2]) => createWithSets(cib, ticketSetKind, args);

/** `ticket delete <ticket> <rsc>`: removes plain ticket constraints and the resource from ticket sets. */
export function ticketRemove(cib: XmlElement, ticket: string, rsc: string): boolean {
  let found = false;
  for (const t of constraintsOf(cib, "rsc_ticket")) {
    if (t.attrs.ticket === ticket && t.attrs.rsc === rsc) {
      detach(t);
      found = true;
    }
  }
  for (const t of constraintsOf(cib, "rsc_ticket").filter((c) => c.attrs.ticket === ticket)) {
    for (const set of t.children.filter((c) => c.name === "resource_set")) {
      for (const ref of set.children.filter((r) => r.name === "resource_ref" && r.attrs.id === rsc)) {
        detach(ref);
        found = true;
        if (!set.children.length) {
          detach(set);
          if (!t.children.length) detach(t);
        }
      }
    }
  }
  return found;
}
