// Ids read from a CIB for completion: resources, constraints, nodes, tags, alerts, ACL objects.
import { firstChild, walk, type XmlElement } from "../../cib/xml.js";
import type { CompletionKind } from "../route-types.js";

const RESOURCE_TAGS = new Set(["primitive", "group", "clone", "master", "bundle"]);

function idsWhere(cib: XmlElement, sectionName: string, test: (e: XmlElement) => boolean): string[] {
  const config = firstChild(cib, "configuration");
  const section = config && firstChild(config, sectionName);
  const ids: string[] = [];
  if (!section) return ids;
  walk(section, (e) => {
    if (e !== section && e.attrs.id && test(e)) ids.push(e.attrs.id);
  });
  return ids;
}

function nodeNames(cib: XmlElement): string[] {
  const names = new Set<string>();
  const config = firstChild(cib, "configuration");
  const nodes = config && firstChild(config, "nodes");
  for (const n of nodes?.children ?? []) if (n.name === "node" && n.attrs.uname) names.add(n.attrs.uname);
  for (const s of firstChild(cib, "status")?.children ?? []) if (s.name === "node_state" && s.attrs.uname) names.add(s.attrs.uname);
  return [...names];
}

function propertyNames(cib: XmlElement): string[] {
  const config = firstChild(cib, "configuration");
  const crmConfig = config && firstChild(config, "crm_config");
  const names = new Set<string>();
  if (crmConfig) walk(crmConfig, (e) => void (e.name === "nvpair" && e.attrs.name && names.add(e.attrs.name)));
  return [...names];
}

const isStonith = (e: XmlElement) => e.name === "primitive" && e.attrs.class === "stonith";

export function idsOfKind(cib: XmlElement, kind: Exclude<CompletionKind, readonly string[]>): string[] {
  switch (kind) {
    case "resource":
      return idsWhere(cib, "resources", (e) => RESOURCE_TAGS.has(e.name) && !isStonith(e));
    case "primitive":
      return idsWhere(cib, "resources", (e) => e.name === "primitive" && !isStonith(e));
    case "group":
      return idsWhere(cib, "resources", (e) => e.name === "group");
    case "clone":
      return idsWhere(cib, "resources", (e) => e.name === "clone" || e.name === "master");
    case "stonith":
      return idsWhere(cib, "resources", isStonith);
    case "constraint":
      return idsWhere(cib, "constraints", (e) => e.name.startsWith("rsc_"));
    case "node":
      return nodeNames(cib);
    case "tag":
      return idsWhere(cib, "tags", (e) => e.name === "tag");
    case "alert":
      return idsWhere(cib, "alerts", (e) => e.name === "alert");
    case "acl-role":
      return idsWhere(cib, "acls", (e) => e.name === "acl_role");
    case "acl-user":
      return idsWhere(cib, "acls", (e) => e.name === "acl_target");
    case "acl-group":
      return idsWhere(cib, "acls", (e) => e.name === "acl_group");
    case "property":
      return propertyNames(cib);
    default:
      return [];
  }
}
