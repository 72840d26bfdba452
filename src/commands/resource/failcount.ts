// resource failcount show: fail counts recorded in the status section (transient node attributes
// fail-count-<resource>[:<instance>]#<operation>_<interval ms>), summed per resource and node.
import { timeoutToSeconds } from "../../cib/operations.js";
import { childElements, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { error, ReportedError } from "../../report/index.js";
import { UsageError } from "./usage-error.js";
import { cmdlineError, prepareOptions } from "./create-args.js";

interface Failure {
  node: string;
  resource: string;
  operation: string;
  interval: string;
  count: number | "INFINITY";
}

function failures(cib: XmlElement): Failure[] {
  const status = childElements(cib).find((e) => e.name === "status");
  const out: Failure[] = [];
  for (const state of status ? childElements(status).filter((e) => e.name === "node_state") : []) {
    const counts = new Map<string, string>();
    for (const transient of childElements(state).filter((e) => e.name === "transient_attributes")) {
      for (const set of childElements(transient).filter((e) => e.name === "instance_attributes")) {
        for (const pair of childElements(set).filter((e) => e.name === "nvpair")) {
          const name = pair.attrs.name ?? "";
          if (name.startsWith("fail-count-") && !counts.has(name.slice(11))) counts.set(name.slice(11), pair.attrs.value ?? "0");
        }
      }
    }
    for (const [key, value] of counts) {
      const [resourceClone, opInterval = ""] = key.split(/#(.*)/s);
      const cut = opInterval.lastIndexOf("_");
      const upper = value.toUpperCase();
      const parsed = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : 1;
      out.push({
        node: state.attrs.uname ?? "",
        resource: resourceClone.split(":")[0],
        operation: cut < 0 ? opInterval : opInterval.slice(0, cut),
        interval: cut < 0 ? "" : opInterval.slice(cut + 1),
        count: upper === "INFINITY" ? "INFINITY" : parsed,
      });
    }
  }
  return out;
}

function headline(empty: boolean, f: { resource?: string; node?: string; operation?: string; interval?: string }): string {
  const parts = [empty ? "No failcounts" : "Failcounts"];
  if (f.operation) {
    parts.push(`for operation '${f.operation}'`);
    if (f.interval) parts.push(`with interval '${f.interval}'`);
  }
  if (f.resource) parts.push(f.operation ? "of" : "for", `resource '${f.resource}'`);
  if (f.node) parts.push(`on node '${f.node}'`);
  return parts.join(" ");
}

const sum = (list: Failure[]): number | "INFINITY" =>
  list.reduce<number | "INFINITY">((acc, f) => (acc === "INFINITY" || f.count === "INFINITY" ? "INFINITY" : acc + f.count), 0);

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** `resource failcount [show ...]`: pcs knows no other subcommand in 0.11. */
export async function failcountCommand(ctx: CommandContext): Promise<void> {
  const args = [...ctx.args];
  if (args[0] === "show") args.shift();
  else if (args.length) throw new UsageError();
  const resource = args.length && !args[0].includes("=") ? args.shift() : undefined;
  const options = prepareOptions(args);
  const unknown = Object.keys(options).filter((k) => !["node", "operation", "interval"].includes(k)).sort();
  if (unknown.length) cmdlineError(`Unknown option${unknown.length > 1 ? "s" : ""} '${unknown.join("', '")}'`);
  const { node, operation, interval } = options;
  const problems = [];
  if (interval !== undefined && operation === undefined) {
    problems.push(error("PREREQUISITE_OPTION_IS_MISSING", { option: "interval", prerequisite: "operation" }));
  }
  const seconds = interval === undefined ? undefined : timeoutToSeconds(interval);
  if (interval !== undefined && seconds === undefined) {
    problems.push(error("INVALID_OPTION_VALUE", { name: "interval", value: interval, allowed: "time interval (e.g. 1, 2s, 3m, 4h, ...)" }));
  }
  // pcs raises these at once, without its closing "Errors have occurred" line
  if (problems.length) throw new ReportedError(problems);
  const cib = await (await ctx.env()).readCib();
  const found = failures(cib).filter(
    (f) =>
      (resource === undefined || f.resource === resource) &&
      (node === undefined || f.node === node) &&
      (operation === undefined || f.operation === operation) &&
      (seconds === undefined || f.interval === String(seconds * 1000)),
  );
  const filter = { resource, node, operation, interval };
  if (!found.length) {
    ctx.print(headline(true, filter));
    return;
  }
  const lines: string[] = [];
  for (const rsc of sorted(found.map((f) => f.resource))) {
    lines.push(headline(false, { ...filter, resource: rsc }));
    const ofResource = found.filter((f) => f.resource === rsc);
    for (const n of sorted(ofResource.map((f) => f.node))) {
      const ofNode = ofResource.filter((f) => f.node === n);
      if (!ctx.has("--full")) {
        lines.push(`  ${n}: ${sum(ofNode)}`);
        continue;
      }
      lines.push(`  ${n}:`);
      for (const op of sorted(ofNode.map((f) => f.operation))) {
        const ofOp = ofNode.filter((f) => f.operation === op);
        const intervals = [...new Set(ofOp.map((f) => f.interval))].sort((a, b) => (a === "INFINITY" ? 1e6 : Number(a)) - (b === "INFINITY" ? 1e6 : Number(b)));
        for (const i of intervals) lines.push(`    ${op} ${i}ms: ${sum(ofOp.filter((f) => f.interval === i))}`);
      }
    }
  }
  ctx.print(lines.join("\n"));
}
