// pcs's checks of a new booth configuration and of its tickets, with pcs's texts.
import { error, errorOrForceable, quoteList, type ReportItem } from "../report/index.js";
import { GLOBAL_KEYS, hasTicket, TICKET_KEYS, type BoothItem } from "./config.js";

const generic = (text: string): ReportItem => error("GENERIC", { text });

export function checkInstanceName(name: string): ReportItem[] {
  return name.includes("/") ? [generic(`booth name '${name}' is not valid, it cannot contain / characters`)] : [];
}

export function checkNewConfig(sites: readonly string[], arbitrators: readonly string[]): ReportItem[] {
  const reports: ReportItem[] = [];
  const peers = [...sites, ...arbitrators];
  if (sites.length < 2) {
    const listed = sites.length ? quoteList(sites) : "missing";
    reports.push(generic(`lack of sites for booth configuration (need 2 at least): sites ${listed}`));
  }
  if (peers.length % 2 === 0) reports.push(generic(`odd number of peers is required (entered ${peers.length} peers)`));
  const duplicates = [...new Set(peers.filter((p, i) => peers.indexOf(p) !== i))];
  if (duplicates.length) reports.push(generic(`duplicate address for booth configuration: ${quoteList(duplicates)}`));
  return reports;
}

export function checkTicketName(name: string): ReportItem[] {
  if (/^[a-zA-Z0-9-]{1,63}$/.test(name)) return [];
  return [generic(`booth ticket name '${name}' is not valid, use up to 63 alphanumeric characters or dash`)];
}

const invalidOptions = (names: readonly string[], forceable: boolean): ReportItem =>
  errorOrForceable(forceable, "GENERIC", {
    text: `invalid booth ticket option${names.length > 1 ? "s:" : ""} ${quoteList(names)}, allowed options are: ${quoteList(TICKET_KEYS)}`,
  });

/** Ticket options: unknown names and a bad mode are forceable, global keys and empty values are not. */
function checkTicketOptions(options: ReadonlyMap<string, string>): ReportItem[] {
  const reports: ReportItem[] = [];
  const names = [...options.keys()];
  const banned = names.filter((n) => GLOBAL_KEYS.includes(n));
  const unknown = names.filter((n) => !TICKET_KEYS.includes(n) && !banned.includes(n));
  if (unknown.length) reports.push(invalidOptions(unknown, true));
  if (banned.length) reports.push(invalidOptions(banned, false));
  for (const [name, value] of options) {
    if (name !== "mode" && !value.trim()) reports.push(generic(`${name} cannot be empty`));
  }
  const mode = options.get("mode")?.trim();
  if (mode !== undefined && !["auto", "manual"].includes(mode)) {
    reports.push(errorOrForceable(true, "GENERIC", { text: `'${mode}' is not a valid mode value, use 'auto', 'manual'` }));
  }
  return reports;
}

export function checkTicketAdd(config: readonly BoothItem[], name: string, options: ReadonlyMap<string, string>): ReportItem[] {
  const duplicate = hasTicket(config, name) ? [generic(`booth ticket name '${name}' already exists in configuration`)] : [];
  return [...checkTicketName(name), ...duplicate, ...checkTicketOptions(options)];
}

export function checkTicketRemove(config: readonly BoothItem[], name: string): ReportItem[] {
  return hasTicket(config, name) ? [] : [generic(`booth ticket name '${name}' does not exist`)];
}
