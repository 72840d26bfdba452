// The booth configuration file as pcs reads and writes it: `key = value` lines, a `ticket = "name"` line
// opening a ticket whose options follow it (indented by two spaces when written). Comments and blank lines
// are dropped on a rewrite, as pcs drops them.

export interface BoothItem {
  key: string;
  value: string;
  /** The options of a ticket. */
  details: BoothItem[];
}

export const DEFAULT_INSTANCE_NAME = "booth";

/** Keys that belong to the whole configuration even when they appear among a ticket's options. */
export const GLOBAL_KEYS: readonly string[] = [
  "transport",
  "port",
  "name",
  "authfile",
  "maxtimeskew",
  "site",
  "arbitrator",
  "site-user",
  "site-group",
  "arbitrator-user",
  "arbitrator-group",
  "debug",
  "ticket",
];

export const TICKET_KEYS: readonly string[] = [
  "acquire-after",
  "attr-prereq",
  "before-acquire-handler",
  "expire",
  "mode",
  "renewal-freq",
  "retries",
  "timeout",
  "weights",
];

/** Lines that are neither `key = value`, a comment nor blank. */
export class BoothParseError extends Error {
  constructor(readonly lines: string[]) {
    super(`unexpected lines in booth config:\n${lines.join("\n")}`);
  }
}

const KEY = String.raw`^([a-zA-Z0-9_-]+)\s*=\s*`;
const LINE_FORMS = [new RegExp(`${KEY}([^'"]+)$`), new RegExp(`${KEY}'([^']*)'\\s*(#.*)?$`), new RegExp(`${KEY}"([^"]*)"\\s*(#.*)?$`)];

function parseLines(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    const match = LINE_FORMS.map((re) => re.exec(line)).find((m) => m);
    if (match) pairs.push([match[1], match[2]]);
    else if (line && !line.startsWith("#")) invalid.push(line);
  }
  if (invalid.length) throw new BoothParseError(invalid);
  return pairs;
}

/** Global keys found below a ticket move up to the global part. */
export function parseBoothConfig(text: string): BoothItem[] {
  const globals: BoothItem[] = [];
  const tickets: BoothItem[] = [];
  let ticket: BoothItem | undefined;
  for (const [key, value] of parseLines(text)) {
    const item: BoothItem = { key, value, details: [] };
    if (key === "ticket") {
      ticket = item;
      tickets.push(item);
    } else if (!ticket || GLOBAL_KEYS.includes(key)) globals.push(item);
    else ticket.details.push(item);
  }
  return [...globals, ...tickets];
}

function exportLines(items: readonly BoothItem[], depth: number): string[] {
  return items.flatMap((item) => [
    `${"  ".repeat(depth)}${item.key} = ${item.key === "ticket" ? `"${item.value}"` : item.value}`,
    ...exportLines(item.details, depth + 1),
  ]);
}

export const exportBoothConfig = (items: readonly BoothItem[]): string => [...exportLines(items, 0), ""].join("\n");

export const newBoothConfig = (sites: readonly string[], arbitrators: readonly string[]): BoothItem[] => [
  ...sites.map((value) => ({ key: "site", value, details: [] })),
  ...arbitrators.map((value) => ({ key: "arbitrator", value, details: [] })),
];

export const valuesOf = (items: readonly BoothItem[], key: string): string[] => items.filter((i) => i.key === key).map((i) => i.value);

/** The last value of a global option. */
export const optionOf = (items: readonly BoothItem[], key: string): string | undefined => valuesOf(items, key).at(-1);

/** Sets an option (first in the file, as pcs puts it), or removes it when `value` is empty. */
export function setOption(items: readonly BoothItem[], key: string, value: string): BoothItem[] {
  const rest = items.filter((i) => i.key !== key);
  return value ? [{ key, value, details: [] }, ...rest] : rest;
}

export const hasTicket = (items: readonly BoothItem[], name: string): boolean => items.some((i) => i.key === "ticket" && i.value === name);

/** Appends a ticket, its options sorted by name. */
export function addTicket(items: readonly BoothItem[], name: string, options: ReadonlyMap<string, string>): BoothItem[] {
  const details = [...options].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value, details: [] }));
  return [...items, { key: "ticket", value: name, details }];
}

export const removeTicket = (items: readonly BoothItem[], name: string): BoothItem[] => items.filter((i) => i.key !== "ticket" || i.value !== name);
