// pcs config [show]: the whole configuration as pcs 0.11 prints it, composed section by section.
import { listDefaultsSets } from "../../cib/defaults.js";
import { findSection } from "../../cib/document.js";
import { ruleDetailLines } from "../../cib/rules/index.js";
import { descendants, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { usageError } from "../alert/args.js";
import { allAlerts } from "../alert/cib.js";
import { alertConfigLines } from "../alert/render.js";
import { tagList } from "../tag/cib.js";
import { constraintsOf } from "../../cib/constraints/common.js";
import { locationLines } from "../../cib/constraints/format.js";
import { typeLines } from "../constraint/config.js";
import { readCorosync, type CorosyncSummary } from "./corosync.js";
import { fencingLevelsText, resourcesConfigText } from "../resource/config.js";

const indent = (lines: string[], step = 2) => lines.map((l) => " ".repeat(step) + l);

function defaultsLines(cib: XmlElement, section: "rsc_defaults" | "op_defaults"): string[] {
  const sets = listDefaultsSets(cib, section);
  if (!sets.length) return ["  No defaults set"];
  const byName = ([a, x]: string[], [b, y]: string[]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0);
  return indent(
    sets.flatMap((set) => {
      const options = Object.entries(set.options).sort(byName);
      return [
        `Meta Attrs: ${set.id}${options.map(([k, v]) => ` ${k}=${v}`).join("")}`,
        ...indent(set.pairs.map((p) => [p.name, p.value]).sort(byName).map(([k, v]) => `${k}=${v}`)),
        ...indent(set.rule ? ruleDetailLines(set.rule, { detail: true }) : []),
      ];
    }),
  );
}

export function configLines(cib: XmlElement, corosync: CorosyncSummary | undefined): string[] {
  const pacemakerNodes = (findSection(cib, "nodes")?.children ?? [])
    .filter((n) => n.name === "node" && n.attrs.type !== "remote")
    .map((n) => n.attrs.uname ?? "")
    .sort();
  const resources = findSection(cib, "resources");
  const resourceLines = resources ? resourcesConfigText(resources) : { resources: [], stonith: [] };
  const crmConfig = findSection(cib, "crm_config");
  const properties = new Map<string, string>();
  for (const p of crmConfig ? descendants(crmConfig, "nvpair") : []) properties.set(p.attrs.name ?? "", p.attrs.value ?? "");
  const tags = tagList(cib, []).tags;
  const lines = [
    `Cluster Name: ${corosync?.clusterName ?? ""}`,
    "Corosync Nodes:",
    ...(corosync?.nodes.length ? [` ${corosync.nodes.join(" ")}`] : []),
    "Pacemaker Nodes:",
    ...(pacemakerNodes.length ? [` ${pacemakerNodes.join(" ")}`] : []),
    "",
    "Resources:",
    ...indent(resourceLines.resources),
    "",
    "Stonith Devices:",
    ...indent(resourceLines.stonith),
    "Fencing Levels:",
    ...fencingLevelsText(cib).map((line) => `  ${line}`),
    "",
    // what `constraint config --full` prints, expired rules included and not marked
    ...locationLines(constraintsOf(cib, "rsc_location"), { full: true, byNode: false, expired: () => false, showExpired: true }),
    ...typeLines(cib, "rsc_order", true),
    ...typeLines(cib, "rsc_colocation", true),
    ...typeLines(cib, "rsc_ticket", true),
    "",
    ...alertConfigLines(allAlerts(cib)),
    "",
    "Resources Defaults:",
    ...defaultsLines(cib, "rsc_defaults"),
    "Operations Defaults:",
    ...defaultsLines(cib, "op_defaults"),
    "",
    "Cluster Properties:",
    ...[...properties.keys()].sort().map((k) => ` ${k}: ${properties.get(k)}`),
    "",
    "Tags:",
    ...(tags.length ? tags.flatMap((t) => [` ${t.tag_id}`, ...t.idref_list.map((id) => `   ${id}`)]) : [" No tags defined"]),
  ];
  if (corosync) {
    lines.push("", "Quorum:", "  Options:", ...Object.keys(corosync.quorumOptions).sort().map((k) => `    ${k}: ${corosync.quorumOptions[k]}`));
  }
  return lines;
}

export async function configShow(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  const corosync = readCorosync(ctx.value("--corosync_conf") ?? "/etc/corosync/corosync.conf");
  const cib = await (await ctx.env()).readCib();
  ctx.print(configLines(cib, corosync).join("\n"));
}
