// `pcs acl config` text, as pcs 0.11 prints it.
import { findSection } from "../../cib/document.js";
import { childElements, type XmlElement } from "../../cib/xml.js";
import { isTrue } from "../../cib/resources.js";
import { aclConfig } from "./cib.js";

function enableAcl(cib: XmlElement): string | undefined {
  const crmConfig = findSection(cib, "crm_config");
  let value: string | undefined;
  for (const set of crmConfig ? childElements(crmConfig, "cluster_property_set") : []) {
    for (const pair of childElements(set, "nvpair")) if (pair.attrs.name === "enable-acl") value = pair.attrs.value;
  }
  return value;
}

export function aclConfigLines(cib: XmlElement): string[] {
  const config = aclConfig(cib);
  const lines: string[] = [];
  for (const [label, list] of [["User", config.targets], ["Group", config.groups]] as const) {
    for (const t of list) lines.push(`${label}: ${t.id}`, `  ${["Roles:", ...t.roles].join(" ")}`);
  }
  for (const role of config.roles) {
    lines.push(`Role: ${role.id}`);
    if (role.description) lines.push(`  Description: ${role.description}`);
    for (const p of role.permissions) {
      const words = ["Permission:", p.kind ?? "None"];
      if (p.xpath !== undefined) words.push("xpath", p.xpath);
      else if (p.reference !== undefined) words.push("id", p.reference);
      words.push(`(${p.id})`);
      lines.push(`  ${words.join(" ")}`);
    }
  }
  return lines;
}

export function aclConfigText(cib: XmlElement): string {
  const header = isTrue(enableAcl(cib)) ? "ACLs are enabled" : "ACLs are disabled, run 'pcs acl enable' to enable";
  const lines = aclConfigLines(cib);
  return `${header}\n\n${lines.map((l) => `${l}\n`).join("")}`;
}
