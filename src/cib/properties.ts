// Cluster properties (crm_config): the property set pcs edits, the daemons' option metadata,
// and pcs 0.11.5's validation of names and values against that metadata.
import { error, errorOrForceable, forceableError, type ReportItem } from "../report/index.js";
import { appendMultiNvset, findNvsets } from "./defaults-nvset.js";
import { section } from "./document.js";
import type { IdIndex } from "./ids.js";
import { childElements, firstChild, type XmlElement } from "./xml.js";
import { parseXml } from "./xml-parse.js";

/** A cluster property's value as the cluster reads it (the first set that has it), or undefined. */
export function clusterProperty(cib: XmlElement, name: string): string | undefined {
  const crm = firstChild(firstChild(cib, "configuration") ?? cib, "crm_config");
  for (const set of crm ? childElements(crm, "cluster_property_set") : []) for (const nv of childElements(set, "nvpair")) if (nv.attrs.name === name) return nv.attrs.value;
  return undefined;
}

export const READONLY_PROPERTIES = ["cluster-infrastructure", "cluster-name", "dc-version", "have-watchdog", "last-lrm-refresh"];
export const DEFAULT_PROPERTY_SET_ID = "cib-bootstrap-options";

export interface PropertyDefinition {
  name: string;
  type: string;
  default: string;
  enumValues?: string[];
  shortdesc: string;
  longdesc: string;
  advanced: boolean;
  source: string;
}

/** Parameters of one daemon's `metadata` output (OCF-like XML). */
export function parseDaemonMetadata(xml: string): PropertyDefinition[] {
  const root = parseXml(xml);
  const source = root.attrs.name ?? "";
  const parameters = firstChild(root, "parameters");
  if (!parameters) return [];
  return childElements(parameters, "parameter").map((p) => {
    const content = firstChild(p, "content");
    const options = content ? childElements(content, "option").map((o) => o.attrs.value ?? "") : [];
    return {
      name: p.attrs.name ?? "",
      type: content?.attrs.type ?? "string",
      default: content?.attrs.default ?? "",
      enumValues: options.length ? options : undefined,
      shortdesc: firstChild(p, "shortdesc")?.text?.trim() ?? "",
      longdesc: firstChild(p, "longdesc")?.text?.trim() ?? "",
      advanced: p.attrs.advanced === "1",
      source,
    };
  });
}

/** The first cluster_property_set, created as cib-bootstrap-options when there is none. */
export function propertySetForUpdate(cib: XmlElement, ids: IdIndex): XmlElement | ReportItem {
  const crmConfig = section(cib, "crm_config");
  const existing = findNvsets(crmConfig, "cluster_property_set");
  if (existing.length) return existing[0];
  if (ids.has(DEFAULT_PROPERTY_SET_ID)) return error("CANNOT_CREATE_DEFAULT_CLUSTER_PROPERTY_SET", { id: DEFAULT_PROPERTY_SET_ID });
  return appendMultiNvset(crmConfig, "cluster_property_set", new Map(), new Map([["id", DEFAULT_PROPERTY_SET_ID]]), ids);
}

export const BOOLEAN_VALUES = ["0", "1", "false", "n", "no", "off", "on", "true", "y", "yes"];
export const isPcmkBoolean = (v: string): boolean => BOOLEAN_VALUES.includes(v.toLowerCase());
export const isInteger = (v: string, atLeast?: number): boolean =>
  /^\s*[+-]?\d+\s*$/.test(v) && (atLeast === undefined || Number(v) >= atLeast);
export const isScore = (v: string): boolean => {
  const unsigned = v[0] === "+" || v[0] === "-" ? v.slice(1) : v;
  return unsigned === "INFINITY" || /^\d+$/.test(unsigned);
};

/** Pacemaker time interval to seconds, as pcs reads it (undefined when invalid). */
export function timeoutToSeconds(value: string): number | undefined {
  if (/^\s*[+]?\d+\s*$/.test(value)) return Number(value);
  for (const [suffix, multiplier] of [["s", 1], ["sec", 1], ["m", 60], ["min", 60], ["h", 3600], ["hr", 3600]] as const) {
    if (value.endsWith(suffix) && /^\d+$/.test(value.slice(0, -suffix.length))) return Number(value.slice(0, -suffix.length)) * multiplier;
  }
  return undefined;
}

function valueReport(definition: PropertyDefinition, value: string, forceable: boolean): ReportItem | undefined {
  const bad = (allowed: string | string[]) =>
    errorOrForceable(forceable, "INVALID_OPTION_VALUE", { name: definition.name, value, allowed });
  switch (definition.type) {
    case "boolean":
      return isPcmkBoolean(value) ? undefined : bad(`a pacemaker boolean value: ${BOOLEAN_VALUES.map((b) => `'${b}'`).join(", ")}`);
    case "integer":
      return isScore(value) ? undefined : bad("an integer or INFINITY or -INFINITY");
    case "percentage":
      return value.endsWith("%") && isInteger(value.slice(0, -1), 0)
        ? undefined
        : bad("a non-negative integer followed by '%' (e.g. 0%, 50%, 200%, ...)");
    case "select":
      return (definition.enumValues ?? []).includes(value) ? undefined : bad(definition.enumValues ?? []);
    case "time":
      return timeoutToSeconds(value) !== undefined ? undefined : bad("time interval (e.g. 1, 2s, 3m, 4h, ...)");
    default:
      return undefined;
  }
}

export interface SetPropertiesInput {
  definitions: PropertyDefinition[];
  setId: string;
  configured: string[];
  /** name -> value, in the order given; an empty value removes */
  properties: ReadonlyMap<string, string>;
  sbdEnabled?: boolean;
}

/** pcs's checks for `property set` / `unset`, in its order. */
export function validateSetProperties(input: SetPropertiesInput): ReportItem[] {
  const { properties } = input;
  const known = new Map(input.definitions.filter((d) => !READONLY_PROPERTIES.includes(d.name)).map((d) => [d.name, d]));
  const reports: ReportItem[] = [];
  const toRemove = [...properties].filter(([, v]) => v === "").map(([n]) => n);
  const missing = toRemove.filter((n) => !input.configured.includes(n));
  if (missing.length) {
    reports.push(forceableError("PROPERTY_CANNOT_REMOVE_NOT_PRESENT", { names: missing, setId: input.setId }));
  }
  const checked = [...properties.keys()].filter((n) => !(properties.get(n) === "" && !READONLY_PROPERTIES.includes(n) && !known.has(n)));
  const banned = checked.filter((n) => READONLY_PROPERTIES.includes(n));
  const invalid = checked.filter((n) => !known.has(n) && !banned.includes(n));
  const allowed = [...known.keys()].sort();
  if (invalid.length) {
    reports.push(forceableError("INVALID_OPTIONS", { names: invalid, allowed, optionType: "cluster property" }));
  }
  if (banned.length) reports.push(error("INVALID_OPTIONS", { names: banned, allowed, optionType: "cluster property" }));
  for (const [name, value] of properties) {
    const definition = known.get(name);
    if (value === "" || !definition) continue;
    const item = valueReport(definition, value, name !== "stonith-watchdog-timeout");
    if (item) reports.push(item);
  }
  const swt = properties.get("stonith-watchdog-timeout");
  if (swt !== undefined && (swt !== "" || input.configured.includes("stonith-watchdog-timeout"))) {
    const seconds = swt === "" ? "" : timeoutToSeconds(swt);
    if (seconds !== undefined && !input.sbdEnabled && seconds !== "" && seconds !== 0) {
      reports.push(error("STONITH_WATCHDOG_TIMEOUT_CANNOT_BE_SET", {}));
    }
  }
  return reports;
}
