// pcs cluster config [show] [--output-format text|cmd|json]: corosync.conf as text, as the
// `pcs cluster setup` command that recreates it, or as pcs's CorosyncConfDto in JSON.
import { isIPv4, isIPv6 } from "node:net";
import type { CommandContext } from "../context.js";
import { TRANSPORTS_ALL } from "../../corosync/constants.js";
import * as F from "../../corosync/facade.js";
import type { Section } from "../../corosync/parser.js";
import { fail, ReportedError, warning } from "../../report/index.js";
import { ensureOnlySupported } from "../quorum/args.js";
import { loadConf } from "../quorum/conf-file.js";

type Options = ReadonlyMap<string, string>;

interface NodeDto {
  name: string;
  nodeid: string;
  addrs: { addr: string; link: string; type: string }[];
}

interface ConfDto {
  clusterName: string;
  clusterUuid?: string;
  transport: string;
  totem: Options;
  transportOptions: Options;
  compression: Options;
  crypto: Options;
  nodes: NodeDto[];
  links: ReadonlyMap<string, Options>;
  quorum: Options;
  device?: F.QuorumDevice;
}

const addrType = (addr: string) => (isIPv4(addr) ? "IPv4" : isIPv6(addr) ? "IPv6" : "FQDN");

function toDto(root: Section): ConfDto {
  const transport = F.transport(root);
  if (!TRANSPORTS_ALL.includes(transport.toLowerCase())) {
    fail("GENERIC", {
      text: `Transport '${transport}' currently configured in corosync.conf is unsupported. Supported transport types are: 'knet', 'udp', 'udpu'`,
    });
  }
  const nodes = F.nodes(root).map((node): NodeDto => {
    if (!node.name) {
      fail("GENERIC", {
        text: "Some nodes are missing names in corosync.conf, unable to continue. Edit corosync.conf and make sure all nodes have their name set.",
      });
    }
    if (!node.nodeid) {
      fail("GENERIC", { text: "Some nodes are missing IDs in corosync.conf. Edit corosync.conf and make sure all nodes have their nodeid set." });
    }
    return { name: node.name!, nodeid: node.nodeid!, addrs: node.addrs.map((a) => ({ ...a, type: addrType(a.addr) })) };
  });
  return {
    clusterName: F.clusterName(root),
    clusterUuid: F.clusterUuid(root),
    transport: transport.toUpperCase(),
    totem: F.totemOptions(root),
    transportOptions: F.transportOptions(root),
    compression: F.compressionOptions(root),
    crypto: F.cryptoOptions(root),
    nodes,
    links: F.linksOptions(root),
    quorum: F.quorumOptions(root),
    device: F.quorumDevice(root),
  };
}

/** Python's json.dumps (default separators, ensure_ascii); Maps keep their order. */
function pyJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  const entries = value instanceof Map ? [...value] : Object.entries(value as object);
  return `{${entries.map(([k, v]) => `${pyJson(String(k))}: ${pyJson(v)}`).join(", ")}}`;
}

function jsonOutput(dto: ConfDto): string {
  return pyJson({
    cluster_name: dto.clusterName,
    cluster_uuid: dto.clusterUuid ?? null,
    transport: dto.transport,
    totem_options: dto.totem,
    transport_options: dto.transportOptions,
    compression_options: dto.compression,
    crypto_options: dto.crypto,
    nodes: dto.nodes,
    links_options: dto.links,
    quorum_options: dto.quorum,
    quorum_device: dto.device
      ? {
          model: dto.device.model,
          model_options: dto.device.modelOptions,
          generic_options: dto.device.genericOptions,
          heuristics_options: dto.device.heuristicsOptions,
        }
      : null,
  });
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const indent = (lines: string[]) => lines.map((l) => `  ${l}`);

function optionLines(label: string, options: Options): string[] {
  if (!options.size) return [];
  return [`${label}:`, ...indent([...options].sort(byKey(([k]) => k)).map(([k, v]) => `${k}: ${v}`))];
}

function textOutput(dto: ConfDto): string {
  const lines = [`Cluster Name: ${dto.clusterName}`];
  if (dto.clusterUuid) lines.push(`Cluster UUID: ${dto.clusterUuid}`);
  lines.push(`Transport: ${dto.transport.toLowerCase()}`, "Nodes:");
  for (const node of [...dto.nodes].sort(byKey((n) => n.name))) {
    const attrs = [...node.addrs].sort(byKey((a) => a.link)).map((a) => `Link ${a.link} address: ${a.addr}`);
    lines.push(...indent([`${node.name}:`, ...indent([...attrs, `nodeid: ${node.nodeid}`])]));
  }
  if (dto.links.size) {
    lines.push("Links:");
    for (const [link, options] of [...dto.links].sort(byKey(([k]) => k))) lines.push(...indent(optionLines(`Link ${link}`, options)));
  }
  lines.push(
    ...optionLines("Transport Options", dto.transportOptions),
    ...optionLines("Compression Options", dto.compression),
    ...optionLines("Crypto Options", dto.crypto),
    ...optionLines("Totem Options", dto.totem),
    ...optionLines("Quorum Options", dto.quorum),
  );
  if (dto.device) {
    lines.push(
      `Quorum Device: ${dto.device.model}`,
      ...indent(optionLines("Options", dto.device.genericOptions)),
      ...indent(optionLines("Model Options", dto.device.modelOptions)),
      ...indent(optionLines("Heuristics", dto.device.heuristicsOptions)),
    );
  }
  return lines.join("\n");
}

function sectionLines(options: Options, keyword?: string): string[] {
  if (!options.size) return [];
  const lines = [...(keyword ? [keyword] : []), ...indent([...options].sort(byKey(([k]) => k)).map(([k, v]) => `${k}=${v}`))];
  return indent(lines);
}

function cmdOutput(dto: ConfDto): string {
  const lines = [`pcs cluster setup ${dto.clusterName}`];
  const nodes = [...dto.nodes].sort(byKey((n) => n.nodeid));
  lines.push(...indent(nodes.map((n) => [n.name, ...[...n.addrs].sort(byKey((a) => a.link)).map((a) => `addr=${a.addr}`)].join(" "))));
  const transport = ["transport", dto.transport.toLowerCase(), ...sectionLines(dto.transportOptions)];
  for (const [, link] of [...dto.links].sort(byKey(([k]) => k))) transport.push(...sectionLines(link, "link"));
  transport.push(...sectionLines(dto.compression, "compression"), ...sectionLines(dto.crypto, "crypto"));
  lines.push(...indent(transport), ...sectionLines(dto.totem, "totem"), ...sectionLines(dto.quorum, "quorum"));
  if (!dto.clusterUuid) lines.push(...indent(["--no-cluster-uuid"]));
  return lines.join(" \\\n");
}

const FORMATS = ["cmd", "json", "text"];

/**
 * pcs's usage of a `cluster config` command: the texts of the commands under `words` (all config commands
 * for `show`, whose synopsis is `config [show]`), headed "Usage: pcs cluster <words>...".
 */
export function printConfigUsage(ctx: CommandContext, words: readonly string[], header = `${words.join(" ")}...`): never {
  const text = ctx.usage.of(["cluster", ...words]) ?? "";
  const body = text.replace(/^\n?Usage: [^\n]*\n/, "").trimEnd();
  process.stderr.write(`\nUsage: pcs cluster ${header}\n${body}\n\n`);
  throw new ReportedError([], false);
}

export async function configShowCommand(ctx: CommandContext): Promise<void> {
  // `cluster config WORD`: an unknown sub-command of `cluster config`
  if (ctx.route.path.length === 2 && ctx.args.length) printConfigUsage(ctx, ["config"], "config ...");
  ensureOnlySupported(ctx, ["--corosync_conf", "--output-format"]);
  if (ctx.args.length) printConfigUsage(ctx, ["config"]);
  const format = ctx.value("--output-format") ?? "text";
  if (!FORMATS.includes(format)) {
    fail("GENERIC", { text: `Unknown value '${format}' for '--output-format' option. Supported values are: 'cmd', 'json', 'text'` });
  }
  const dto = toDto(loadConf(ctx, "file").root);
  if (format === "cmd" && dto.device) {
    ctx.reports.add(warning("GENERIC", { text: "Quorum device configuration detected but not yet supported by this command." }));
  }
  ctx.print(format === "json" ? jsonOutput(dto) : format === "cmd" ? cmdOutput(dto) : textOutput(dto));
}
