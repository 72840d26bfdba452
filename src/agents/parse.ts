// Parse an agent's metadata XML (OCF 1.0 or 1.1) into the unified format.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { parseXml, XmlSyntaxError } from "../cib/xml-parse.js";
import type { AgentName } from "./name.js";
import { fullName } from "./name.js";
import { AgentError, type AgentAction, type AgentMetadata, type AgentParameter } from "./types.js";

export const OCF_1_0 = "1.0";
export const OCF_1_1 = "1.1";
export const SUPPORTED_OCF_VERSIONS = [OCF_1_0, OCF_1_1];
export const UNIQUE_GROUP_PREFIX = "_pcs_unique_group_";

const text = (e: XmlElement | undefined): string | undefined => {
  if (!e || e.text === undefined) return undefined;
  return e.text.trim();
};
const childText = (e: XmlElement, name: string): string | undefined => text(firstChild(e, name));
const flag = (value: string | undefined): boolean => value === "1";

/** Every element named `name` below `root`, in document order (lxml's iter()). */
function iter(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (e.name === name) found.push(e);
    e.children.forEach(visit);
  };
  root.children.forEach(visit);
  return found;
}

function content(parameter: XmlElement): { type: string; default?: string; enumValues?: string[] } {
  const element = firstChild(parameter, "content");
  if (!element) return { type: "string" };
  const type = element.attrs.type ?? "string";
  const result: { type: string; default?: string; enumValues?: string[] } = { type };
  if (element.attrs.default !== undefined) result.default = element.attrs.default;
  if (type === "select") result.enumValues = childElements(element, "option").map((o) => o.attrs.value ?? "");
  return result;
}

function parameters10(parent: XmlElement): AgentParameter[] {
  const elements = iter(parent, "parameter");
  const deprecatedBy = new Map<string, Set<string>>();
  for (const p of elements) {
    const old = p.attrs.obsoletes;
    if (old) {
      if (!deprecatedBy.has(old)) deprecatedBy.set(old, new Set());
      deprecatedBy.get(old)!.add(p.attrs.name ?? "");
    }
  }
  return elements.map((p) => {
    const name = p.attrs.name ?? "";
    return {
      name,
      shortdesc: childText(p, "shortdesc"),
      longdesc: childText(p, "longdesc"),
      ...content(p),
      required: flag(p.attrs.required),
      advanced: false,
      deprecated: flag(p.attrs.deprecated),
      deprecatedBy: [...(deprecatedBy.get(name) ?? [])].sort(),
      uniqueGroup: flag(p.attrs.unique) ? `${UNIQUE_GROUP_PREFIX}${name}` : undefined,
      reloadable: flag(p.attrs.unique),
    };
  });
}

function parameters11(parent: XmlElement): AgentParameter[] {
  return iter(parent, "parameter").map((p) => {
    const deprecatedElement = firstChild(p, "deprecated");
    return {
      name: p.attrs.name ?? "",
      shortdesc: childText(p, "shortdesc"),
      longdesc: childText(p, "longdesc"),
      ...content(p),
      required: flag(p.attrs.required),
      advanced: false,
      deprecated: deprecatedElement !== undefined,
      deprecatedBy: deprecatedElement ? childElements(deprecatedElement, "replaced-with").map((r) => r.attrs.name ?? "") : [],
      deprecatedDesc: deprecatedElement ? childText(deprecatedElement, "desc") : undefined,
      uniqueGroup: p.attrs["unique-group"],
      reloadable: flag(p.attrs.reloadable),
    };
  });
}

function actions(parent: XmlElement): AgentAction[] {
  return iter(parent, "action").map((a) => ({
    name: a.attrs.name ?? "",
    timeout: a.attrs.timeout,
    interval: a.attrs.interval,
    role: a.attrs.role,
    startDelay: a.attrs["start-delay"],
    depth: a.attrs.depth,
    automatic: flag(a.attrs.automatic),
    onTarget: flag(a.attrs.on_target),
  }));
}

/** Parse metadata text; throws AgentError (kind "metadata" or "ocf-version"). */
export function parseMetadata(name: AgentName, xml: string): AgentMetadata {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    const reason = e instanceof XmlSyntaxError ? e.message : String(e);
    throw new AgentError({ kind: "metadata", agent: fullName(name), reason });
  }
  if (root.name !== "resource-agent") {
    throw new AgentError({ kind: "metadata", agent: fullName(name), reason: `Expecting element resource-agent, got ${root.name}, line 1` });
  }
  const versionElement = firstChild(root, "version");
  const version = versionElement ? text(versionElement) ?? "" : OCF_1_0;
  if (!SUPPORTED_OCF_VERSIONS.includes(version)) {
    throw new AgentError({ kind: "ocf-version", agent: fullName(name), version });
  }
  const parametersElement = firstChild(root, "parameters");
  const actionsElement = firstChild(root, "actions");
  return {
    name,
    exists: true,
    ocfVersion: version,
    shortdesc: childText(root, "shortdesc") ?? (version === OCF_1_0 ? root.attrs.shortdesc : undefined),
    longdesc: childText(root, "longdesc"),
    parameters: parametersElement ? (version === OCF_1_0 ? parameters10(parametersElement) : parameters11(parametersElement)) : [],
    actions: actionsElement ? actions(actionsElement) : [],
  };
}

/** The placeholder for a missing agent used with --force. */
export const voidMetadata = (name: AgentName): AgentMetadata => ({
  name,
  exists: false,
  ocfVersion: OCF_1_0,
  parameters: [],
  actions: [],
});
