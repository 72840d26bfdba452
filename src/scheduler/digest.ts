// Restarts on changed parameters: Pacemaker records an MD5 digest of the parameters each operation ran with
// (op-digest, plus op-restart-digest over the parameters whose change needs a restart, and op-secure-digest
// without the secret ones) and compares it with a digest of the parameters configured now.
import { createHash } from "node:crypto";
import { childElements, type XmlElement } from "../cib/xml.js";

export type DefinitionChange = "restart" | "reload" | undefined;

const escapeAttr = (v: string): string => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Most resources share a few parameter sets (the history of a big cluster repeats them thousands of
// times): each set's digest is made once. Bounded, as the controller schedules again and again.
const digests = new Map<string, string>();
const KEPT_DIGESTS = 1024;

/** The digest of a parameter set as Pacemaker serializes it (attributes sorted by name). */
export function paramsDigest(params: Map<string, string>): string {
  const names = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = ` <parameters${names.map((n) => ` ${n}="${escapeAttr(params.get(n) ?? "")}"`).join("")}/>\n`;
  let digest = digests.get(text);
  if (digest === undefined) {
    if (digests.size >= KEPT_DIGESTS) digests.clear();
    digests.set(text, (digest = createHash("md5").update(text).digest("hex")));
  }
  return digest;
}

const listed = (list: string | undefined): Set<string> => new Set((list ?? "").split(/\s+/).filter(Boolean));

function parseIntervalMs(v: string | undefined): number {
  const m = /^\s*(\d+)\s*(ms|s|m|min|h)?\s*$/.exec(v ?? "0");
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" || m[2] === "min" ? n * 60000 : m[2] === "h" ? n * 3600000 : n * 1000;
}

/** Instance attributes of the configured operation matching a recorded one (they join its digest). */
function opParams(op: XmlElement, defs: XmlElement[]): Map<string, string> {
  const out = new Map<string, string>();
  const task = op.attrs.operation;
  const interval = Number(op.attrs.interval ?? "0");
  const def = defs.find((d) => d.attrs.name === task && parseIntervalMs(d.attrs.interval) === interval);
  if (!def) return out;
  for (const set of childElements(def, "instance_attributes")) for (const nv of childElements(set, "nvpair")) if (!out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
  return out;
}

/** Whether a non-recurring operation that left the resource active ran with other parameters than the
 * configured ones: "restart" (Pacemaker restarts it), "reload" (only reloadable ones changed). */
export function compareDigest(op: XmlElement, params: Map<string, string>, defs: XmlElement[]): DefinitionChange {
  const recorded = op.attrs["op-digest"];
  // with no digest recorded, what the parameters were is unknown: Pacemaker restarts (RSC_DIGEST_UNKNOWN)
  if (!recorded) return "restart";
  const extra = opParams(op, defs);
  const all = new Map(params);
  for (const [k, v] of extra) all.set(k, v);
  if (paramsDigest(all) === recorded) return undefined;
  // Sanitized CIBs (as crm_simulate reads them) lack secret values: compare without them.
  const secure = op.attrs["op-secure-digest"];
  if (secure) {
    const hidden = listed(op.attrs["op-secure-params"]);
    const rest = new Map([...all].filter(([k]) => !hidden.has(k) && !k.startsWith("pcmk_")));
    if (paramsDigest(rest) === secure) return undefined;
  }
  const restartDigest = op.attrs["op-restart-digest"];
  if (restartDigest && extra.size === 0) {
    const needRestart = listed(op.attrs["op-force-restart"]);
    const relevant = new Map([...all].filter(([k]) => needRestart.has(k)));
    if (paramsDigest(relevant) === restartDigest) return op.attrs.operation === "start" ? "reload" : undefined;
  }
  return "restart";
}
