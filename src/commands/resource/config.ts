// pcs resource config / stonith config [--output-format text|cmd|json] [<id>...]
import { findSection, section } from "../../cib/document.js";
import { descendants, type XmlElement } from "../../cib/xml.js";
import { warning } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import {
  pythonJson,
  resourcesToDto,
  type BundleDto,
  type CloneDto,
  type GroupDto,
  type NvsetDto,
  type OperationDto,
  type PrimitiveDto,
  type ResourcesDto,
} from "./config-dto.js";
import { UsageError } from "./common.js";

const INDENT = "  ";
const indent = (lines: string[]): string[] => lines.map((l) => (l ? INDENT + l : l));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** pcs's quoting of name=value items in text output. */
function quoteText(value: string): string {
  if (!/[= ]/.test(value)) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `"${value.replace(/"/g, '\\"')}"`;
}
const nameValues = (pairs: [string, string][]): string[] => pairs.map(([n, v]) => `${quoteText(n)}=${quoteText(v)}`);

/** Python's shlex.quote. */
export function shellQuote(value: string): string {
  if (!value) return "''";
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}
const shellWords = (words: string[]): string => words.map(shellQuote).join(" ");
const shellPairs = (pairs: [string, string][]): string => shellWords(pairs.map(([n, v]) => `${n}=${v}`));

const isStonithAgent = (p: PrimitiveDto) => p.agent_name.standard === "stonith";
const agentFullName = (p: PrimitiveDto) => [p.agent_name.standard, p.agent_name.provider, p.agent_name.type].filter((x) => x).join(":");
const boolValue = (b: boolean) => (b ? "1" : "0");

class Facade {
  readonly parentOf = new Map<string, string>();
  readonly childrenOf = new Map<string, string[]>();

  constructor(
    readonly dto: ResourcesDto,
    readonly filteredIds: Set<string> = new Set(),
    readonly onlyStonith?: boolean,
  ) {
    const link = (child: string, parent: string) => {
      this.parentOf.set(child, parent);
      this.childrenOf.set(parent, [...(this.childrenOf.get(parent) ?? []), child]);
    };
    for (const b of dto.bundles) if (b.member_id) link(b.member_id, b.id);
    for (const c of dto.clones) link(c.member_id, c.id);
    for (const g of dto.groups) for (const m of g.member_ids) link(m, g.id);
  }

  primitive = (id: string) => this.dto.primitives.find((p) => p.id === id);
  group = (id: string) => this.dto.groups.find((g) => g.id === id);
  any = (id: string) => this.primitive(id) ?? this.dto.bundles.find((b) => b.id === id) ?? this.dto.clones.find((c) => c.id === id) ?? this.group(id);

  filterStonith(stonith: boolean): Facade {
    const primitives = this.dto.primitives.filter((p) => isStonithAgent(p) === stonith || (!stonith && this.parentOf.has(p.id)));
    if (stonith) return new Facade({ primitives, clones: [], groups: [], bundles: [] }, this.filteredIds, true);
    return new Facade({ ...this.dto, primitives }, this.filteredIds, false);
  }

  /** Keep the given resources and what is inside them; unknown ids are warned about. */
  filterResources(ids: string[], ctx: CommandContext): Facade {
    if (!ids.length) return this;
    const label = this.onlyStonith === true ? "stonith device" : this.onlyStonith === false ? "resource" : "resource/stonith device";
    const kinds = { primitives: new Set<string>(), groups: new Set<string>(), clones: new Set<string>(), bundles: new Set<string>() };
    const toProcess = [...new Set(ids)];
    const processed = new Set<string>();
    while (toProcess.length) {
      const id = toProcess.shift()!;
      if (processed.has(id)) continue;
      const found = this.any(id);
      if (!found) {
        ctx.reports.add(warning("GENERIC", { text: `Unable to find ${label} '${id}'` }));
        continue;
      }
      processed.add(id);
      toProcess.push(...(this.childrenOf.get(id) ?? []));
      if (this.dto.primitives.includes(found as PrimitiveDto)) kinds.primitives.add(id);
      else if (this.dto.groups.includes(found as GroupDto)) kinds.groups.add(id);
      else if (this.dto.clones.includes(found as CloneDto)) kinds.clones.add(id);
      else kinds.bundles.add(id);
    }
    if (!processed.size) throw new UsageError(`No ${label} found`);
    const pick = <T extends { id: string }>(list: T[], keep: Set<string>) => list.filter((x) => keep.has(x.id)).sort((a, b) => cmp(a.id, b.id));
    return new Facade(
      {
        primitives: pick(this.dto.primitives, kinds.primitives),
        clones: pick(this.dto.clones, kinds.clones),
        groups: pick(this.dto.groups, kinds.groups),
        bundles: pick(this.dto.bundles, kinds.bundles),
      },
      new Set(ids.filter((id) => processed.has(id))),
      this.onlyStonith,
    );
  }
}

// ---- text ------------------------------------------------------------------------------

function nvsetText(label: string, sets: NvsetDto[]): string[] {
  const set = sets[0];
  if (!set || !set.nvpairs.length) return [];
  const heading = [`${label}:${set.id ? " " + set.id : ""}`];
  const options = Object.entries(set.options).sort(([a], [b]) => cmp(a, b));
  if (options.length) heading.push(nameValues(options).join(" "));
  const pairs = set.nvpairs.map((p) => [p.name, p.value] as [string, string]).sort(([a, av], [b, bv]) => cmp(a, b) || cmp(av, bv));
  return [heading.join(" "), ...indent(nameValues(pairs))];
}

function operationPairs(op: OperationDto): [string, string][] {
  const pairs: [string, string][] = [["interval", op.interval]];
  if (op.id) pairs.push(["id", op.id]);
  if (op.start_delay) pairs.push(["start-delay", op.start_delay]);
  else if (op.interval_origin) pairs.push(["interval-origin", op.interval_origin]);
  if (op.timeout) pairs.push(["timeout", op.timeout]);
  if (op.enabled !== null) pairs.push(["enabled", boolValue(op.enabled)]);
  if (op.record_pending !== null) pairs.push(["record-pending", boolValue(op.record_pending)]);
  if (op.role) pairs.push(["role", op.role]);
  if (op.on_fail) pairs.push(["on-fail", op.on_fail]);
  const level = op.instance_attributes.flatMap((s) => s.nvpairs).find((p) => p.name === "OCF_CHECK_LEVEL")?.value;
  if (level) pairs.push(["OCF_CHECK_LEVEL", level]);
  return pairs;
}

const description = (d: string | null): string[] => (d ? [`Description: ${d}`] : []);

function primitiveText(p: PrimitiveDto): string[] {
  const out = [
    ...description(p.description),
    ...nvsetText("Attributes", p.instance_attributes),
    ...nvsetText("Meta Attributes", p.meta_attributes),
    ...nvsetText("Utilization", p.utilization),
  ];
  if (p.operations.length) {
    const lines = p.operations.flatMap((op) => [
      `${op.name}:${op.id ? " " + op.id : ""}`,
      ...indent(nameValues(operationPairs(op).filter(([n]) => n !== "id"))),
    ]);
    out.push("Operations:", ...indent(lines));
  }
  const agent = `class=${p.agent_name.standard}${p.agent_name.provider ? ` provider=${p.agent_name.provider}` : ""} type=${p.agent_name.type}`;
  return [`Resource: ${p.id} (${agent})`, ...indent(out)];
}

function groupText(g: GroupDto, f: Facade): string[] {
  const out = [...description(g.description), ...nvsetText("Attributes", g.instance_attributes), ...nvsetText("Meta Attributes", g.meta_attributes)];
  for (const id of g.member_ids) {
    const p = f.primitive(id);
    if (!p) throw new UsageError(`Invalid data: group ${g.id} has no children`);
    out.push(...primitiveText(p));
  }
  return [`Group: ${g.id}`, ...indent(out)];
}

function cloneText(c: CloneDto, f: Facade): string[] {
  const out = [...description(c.description), ...nvsetText("Attributes", c.instance_attributes), ...nvsetText("Meta Attributes", c.meta_attributes)];
  const p = f.primitive(c.member_id);
  const g = f.group(c.member_id);
  if (p) out.push(...primitiveText(p));
  else if (g) out.push(...groupText(g, f));
  else throw new UsageError(`Invalid data: clone ${c.id} has no children`);
  return [`Clone: ${c.id}`, ...indent(out)];
}

function containerPairs(b: BundleDto): [string, string][] {
  const o = b.container_options!;
  const pairs: [string, string][] = [["image", o.image]];
  if (o.replicas !== null) pairs.push(["replicas", String(o.replicas)]);
  if (o.replicas_per_host !== null) pairs.push(["replicas-per-host", String(o.replicas_per_host)]);
  if (o.promoted_max !== null) pairs.push(["promoted-max", String(o.promoted_max)]);
  if (o.run_command) pairs.push(["run-command", o.run_command]);
  if (o.network) pairs.push(["network", o.network]);
  if (o.options) pairs.push(["options", o.options]);
  return pairs;
}

function networkPairs(b: BundleDto): [string, string][] {
  const n = b.network;
  if (!n) return [];
  const pairs: [string, string][] = [];
  if (n.ip_range_start) pairs.push(["ip-range-start", n.ip_range_start]);
  if (n.control_port !== null) pairs.push(["control-port", String(n.control_port)]);
  if (n.host_interface) pairs.push(["host-interface", n.host_interface]);
  if (n.host_netmask !== null) pairs.push(["host-netmask", String(n.host_netmask)]);
  if (n.add_host !== null) pairs.push(["add-host", boolValue(n.add_host)]);
  return pairs;
}

function portPairs(m: BundleDto["port_mappings"][number]): [string, string][] {
  const pairs: [string, string][] = [];
  if (m.port !== null) pairs.push(["port", String(m.port)]);
  if (m.internal_port !== null) pairs.push(["internal-port", String(m.internal_port)]);
  if (m.range) pairs.push(["range", m.range]);
  return pairs;
}

function storagePairs(m: BundleDto["storage_mappings"][number]): [string, string][] {
  const pairs: [string, string][] = [];
  if (m.source_dir) pairs.push(["source-dir", m.source_dir]);
  if (m.source_dir_root) pairs.push(["source-dir-root", m.source_dir_root]);
  pairs.push(["target-dir", m.target_dir]);
  if (m.options) pairs.push(["options", m.options]);
  return pairs;
}

function bundleText(b: BundleDto, f: Facade): string[] {
  const out = [...description(b.description)];
  if (b.container_type && b.container_options) {
    out.push([`${b.container_type[0].toUpperCase()}${b.container_type.slice(1)}:`, ...nameValues(containerPairs(b))].join(" "));
  }
  const network = networkPairs(b);
  if (network.length) out.push(["Network:", ...nameValues(network)].join(" "));
  const ports = b.port_mappings.map((m) => {
    const parts = nameValues(portPairs(m));
    if (parts.length && m.id) parts.push(`(${m.id})`);
    return parts.join(" ");
  });
  if (ports.length) out.push("Port Mapping:", ...indent(ports));
  if (b.storage_mappings.length) {
    out.push("Storage Mapping:", ...indent(b.storage_mappings.map((m) => [...nameValues(storagePairs(m)), `(${m.id})`].join(" "))));
  }
  out.push(...nvsetText("Meta Attributes", b.meta_attributes));
  if (b.member_id) {
    const p = f.primitive(b.member_id);
    if (!p) throw new UsageError(`Invalid data: bundle '${b.id}' has inner primitive resource with id '${b.member_id}' which was not found`);
    out.push(...primitiveText(p));
  }
  return [`Bundle: ${b.id}`, ...indent(out)];
}

export function resourcesText(f: Facade): string[] {
  const show = (id: string) => (f.filteredIds.size ? f.filteredIds.has(id) : !f.parentOf.has(id));
  return [
    ...f.dto.primitives.filter((p) => show(p.id)).flatMap(primitiveText),
    ...f.dto.groups.filter((g) => show(g.id)).flatMap((g) => groupText(g, f)),
    ...f.dto.clones.filter((c) => show(c.id)).flatMap((c) => cloneText(c, f)),
    ...f.dto.bundles.filter((b) => show(b.id)).flatMap((b) => bundleText(b, f)),
  ];
}

// ---- cmd -------------------------------------------------------------------------------

function nvsetCmd(label: string | null, sets: NvsetDto[]): string[] {
  const set = sets[0];
  if (!set || !set.nvpairs.length) return [];
  const options = shellPairs(set.nvpairs.map((p) => [p.name, p.value]));
  return [label ? `${label} ${options}` : options];
}

function primitiveCmd(p: PrimitiveDto, bundleId: string | null): string[][] {
  const stonith = isStonithAgent(p);
  const options = [...nvsetCmd(null, p.instance_attributes)];
  if (p.operations.length) {
    options.push("op", ...indent(p.operations.map((op) => `${op.name} ${shellPairs(operationPairs(op))}`)));
  }
  options.push(...nvsetCmd("meta", p.meta_attributes));
  if (bundleId) options.push(`bundle ${bundleId}`);
  const out = [
    [
      shellWords(["pcs", stonith ? "stonith" : "resource", "create", "--no-default-ops", "--force", "--", p.id, stonith ? p.agent_name.type : agentFullName(p)]),
      ...indent(options),
    ],
  ];
  const utilization = nvsetCmd(null, p.utilization);
  if (utilization.length) out.push([shellWords(["pcs", "resource", "utilization", p.id]), ...indent(utilization)]);
  return out;
}

function bundleCmd(b: BundleDto): string[][] {
  const options = [shellWords(["container", b.container_type ?? ""]), ...indent([shellPairs(containerPairs(b))])];
  const network = shellPairs(networkPairs(b));
  if (network) options.push(`network ${network}`);
  for (const m of b.port_mappings) options.push(`port-map ${shellPairs(portPairs(m))}`);
  for (const m of b.storage_mappings) options.push(`storage-map ${shellPairs(storagePairs(m))}`);
  options.push(...nvsetCmd("meta", b.meta_attributes));
  return [[shellWords(["pcs", "resource", "bundle", "create", b.id]), ...indent(options)]];
}

export function resourcesCmd(f: Facade, ctx: CommandContext): string[][] {
  const out: string[][] = [];
  const withBundle = new Set<string>();
  for (const b of f.dto.bundles) {
    if (!(b.container_type && b.container_options)) {
      ctx.reports.add(
        warning("GENERIC", {
          text: `Bundle resource '${b.id}' uses unsupported container type, therefore pcs is unable to create it. The resource will be omitted.`,
        }),
      );
      continue;
    }
    out.push(...bundleCmd(b));
    if (b.member_id) {
      const p = f.primitive(b.member_id);
      if (!p) throw new UsageError(`Invalid data: bundle '${b.id}' has inner primitive resource with id '${b.member_id}' which was not found`);
      out.push(...primitiveCmd(p, b.id));
      withBundle.add(b.member_id);
    }
  }
  for (const p of f.dto.primitives) if (!withBundle.has(p.id)) out.push(...primitiveCmd(p, null));
  for (const g of f.dto.groups) {
    out.push([shellWords(["pcs", "resource", "group", "add", g.id]), ...indent([shellWords(g.member_ids)])]);
    const meta = nvsetCmd(null, g.meta_attributes);
    if (meta.length) out.push([shellWords(["pcs", "resource", "meta", g.id]), ...indent(meta)]);
  }
  for (const c of f.dto.clones) out.push([shellWords(["pcs", "resource", "clone", c.member_id, c.id]), ...indent(nvsetCmd("meta", c.meta_attributes))]);
  return out;
}

// ---- fencing levels (stonith config, text) -----------------------------------------------

export function fencingLevelsText(cib: XmlElement): string[] {
  const topology = findSection(cib, "fencing-topology");
  if (!topology) return [];
  type Level = { level: string; devices: string };
  const byType: Record<"node" | "regexp" | "attribute", Map<string, Level[]>> = { node: new Map(), regexp: new Map(), attribute: new Map() };
  for (const el of descendants(topology, "fencing-level")) {
    let type: keyof typeof byType | undefined;
    let value: string | undefined;
    if (el.attrs.target !== undefined) [type, value] = ["node", el.attrs.target];
    else if (el.attrs["target-pattern"] !== undefined) [type, value] = ["regexp", el.attrs["target-pattern"]];
    else if (el.attrs["target-attribute"] !== undefined) [type, value] = ["attribute", `${el.attrs["target-attribute"]}=${el.attrs["target-value"]}`];
    if (!type || !value) continue;
    const list = byType[type].get(value) ?? [];
    list.push({ level: el.attrs.index ?? "", devices: el.attrs.devices ?? "" });
    byType[type].set(value, list);
  }
  const lines: string[] = [];
  for (const type of ["node", "regexp", "attribute"] as const) {
    for (const value of [...byType[type].keys()].sort(cmp)) {
      lines.push(`Target${type === "regexp" ? " (regexp)" : ""}: ${value}`);
      const levels = [...byType[type].get(value)!].sort((a, b) => cmp(a.level, b.level));
      lines.push(...indent(levels.map((l) => `Level ${l.level} - ${l.devices}`)));
    }
  }
  return lines;
}

// ---- commands ----------------------------------------------------------------------------

const FORMATS = ["text", "cmd", "json"];

function outputFormat(ctx: CommandContext): string {
  const format = ctx.value("--output-format") ?? "text";
  if (!FORMATS.includes(format)) {
    throw new UsageError(`Unknown value '${format}' for '--output-format' option. Supported values are: 'cmd', 'json', 'text'`);
  }
  return format;
}

async function runConfig(ctx: CommandContext, stonith: boolean): Promise<void> {
  const format = outputFormat(ctx);
  if (stonith && format !== "text") ctx.reports.add(warning("GENERIC", { text: "Only 'text' output format is supported for stonith levels" }));
  const cib = await (await ctx.env()).readCib();
  const facade = new Facade(resourcesToDto(section(cib, "resources"))).filterStonith(stonith).filterResources(ctx.args, ctx);
  let output: string;
  if (format === "cmd") output = resourcesCmd(facade, ctx).map((cmd) => cmd.join(" \\\n")).join(";\n");
  else if (format === "json") {
    const { primitives, clones, groups, bundles } = facade.dto;
    output = pythonJson({ primitives, clones, groups, bundles });
  } else output = resourcesText(facade).join("\n");
  if (output) ctx.print(output);
  if (stonith && format === "text") {
    const levels = fencingLevelsText(cib);
    // pcs indents this listing by one space, unlike everything else it prints
    if (levels.length) ctx.print(["", "Fencing Levels:", ...levels.map((line) => ` ${line}`)].join("\n"));
  }
}

/** The resources and the stonith devices of a resources section as `resource config` and `stonith config` print them (`pcs config` shows both). */
export function resourcesConfigText(resources: XmlElement): { resources: string[]; stonith: string[] } {
  const facade = new Facade(resourcesToDto(resources));
  return { resources: resourcesText(facade.filterStonith(false)), stonith: resourcesText(facade.filterStonith(true)) };
}

export const resourceConfig = (ctx: CommandContext) => runConfig(ctx, false);
export const stonithConfig = (ctx: CommandContext) => runConfig(ctx, true);
