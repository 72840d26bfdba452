// Parsing and validation of `pcs cluster setup` arguments (pure).
import { error, type ReportItem } from "../../report/index.js";
import { UsageError } from "./usage.js";

const usage = (): never => {
  throw new UsageError();
};

export const TOTEM_OPTIONS = [
  "block_unlisted_ips", "consensus", "downcheck", "fail_recv_const", "heartbeat_failures_allowed", "hold", "join",
  "max_messages", "max_network_delay", "merge", "miss_count_const", "send_join", "seqno_unchanged_const", "token",
  "token_coefficient", "token_retransmit", "token_retransmits_before_loss_const", "window_size",
] as const;
export const QUORUM_OPTIONS = ["auto_tie_breaker", "last_man_standing", "last_man_standing_window", "wait_for_all"] as const;
const KNET_OPTIONS = ["ip_version", "knet_pmtud_interval", "link_mode"] as const;

export interface SetupArgs {
  clusterName: string;
  nodes: { name: string; addrs: string[] }[];
  transport: string;
  transportOptions: [string, string][];
  totem: [string, string][];
  quorum: [string, string][];
}


const KEYWORDS = new Set(["transport", "totem", "quorum", "link", "compression", "crypto"]);

function splitPair(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq <= 0) usage();
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

export function parseSetupArgs(args: string[]): SetupArgs {
  if (args.length < 2) usage();
  const result: SetupArgs = { clusterName: args[0], nodes: [], transport: "knet", transportOptions: [], totem: [], quorum: [] };
  let i = 1;
  for (; i < args.length && !KEYWORDS.has(args[i]); i++) {
    const arg = args[i];
    if (arg.startsWith("addr=")) {
      const last = result.nodes[result.nodes.length - 1];
      if (!last) usage();
      last.addrs.push(arg.slice(5));
    } else if (arg.includes("=")) usage();
    else result.nodes.push({ name: arg, addrs: [] });
  }
  if (!result.nodes.length) usage();
  let section = "";
  for (; i < args.length; i++) {
    const arg = args[i];
    if (KEYWORDS.has(arg)) {
      section = arg;
      if (arg === "transport") {
        const type = args[++i];
        if (!type || !["knet", "udp", "udpu"].includes(type)) usage();
        result.transport = type;
      }
      continue;
    }
    const pair = splitPair(arg);
    if (section === "transport") result.transportOptions.push(pair);
    else if (section === "totem") result.totem.push(pair);
    else if (section === "quorum") result.quorum.push(pair);
    // link, compression and crypto options are accepted and not used by pcs-lite's own links
  }
  return result;
}

const isNonNegativeInt = (v: string) => /^\d+$/.test(v);

export function validateSetup(args: SetupArgs): ReportItem[] {
  const reports: ReportItem[] = [];
  const seen = new Set<string>();
  for (const n of args.nodes) {
    if (seen.has(n.name)) reports.push(error("NODE_NAME_DUPLICATE", { name: n.name }));
    seen.add(n.name);
  }
  const badTotem = args.totem.filter(([k]) => !(TOTEM_OPTIONS as readonly string[]).includes(k)).map(([k]) => k);
  if (badTotem.length) reports.push(error("INVALID_OPTIONS", { names: badTotem, allowed: [...TOTEM_OPTIONS], optionType: "totem" }));
  for (const [k, v] of args.totem) {
    if ((TOTEM_OPTIONS as readonly string[]).includes(k) && k !== "block_unlisted_ips" && !isNonNegativeInt(v)) {
      reports.push(error("INVALID_OPTION_VALUE", { name: k, value: v, allowed: "a non-negative integer" }));
    }
    if (k === "block_unlisted_ips" && !["yes", "no"].includes(v)) reports.push(error("INVALID_OPTION_VALUE", { name: k, value: v, allowed: ["yes", "no"] }));
  }
  // two_node is accepted as well: pcs-lite lets a two-node cluster state it explicitly
  const quorumAllowed: string[] = [...QUORUM_OPTIONS, "two_node"];
  const badQuorum = args.quorum.filter(([k]) => !quorumAllowed.includes(k)).map(([k]) => k);
  if (badQuorum.length) reports.push(error("INVALID_OPTIONS", { names: badQuorum, allowed: [...QUORUM_OPTIONS], optionType: "quorum" }));
  for (const [k, v] of args.quorum) {
    if (["auto_tie_breaker", "last_man_standing", "wait_for_all", "two_node"].includes(k) && !["0", "1"].includes(v)) {
      reports.push(error("INVALID_OPTION_VALUE", { name: k, value: v, allowed: ["0", "1"] }));
    }
    if (k === "last_man_standing_window" && !isNonNegativeInt(v)) reports.push(error("INVALID_OPTION_VALUE", { name: k, value: v, allowed: "a non-negative integer" }));
  }
  if (args.transport === "knet") {
    const bad = args.transportOptions.filter(([k]) => !(KNET_OPTIONS as readonly string[]).includes(k)).map(([k]) => k);
    if (bad.length) reports.push(error("INVALID_OPTIONS", { names: bad, allowed: [...KNET_OPTIONS], optionType: "knet transport" }));
  }
  return reports;
}
