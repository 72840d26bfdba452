// What the CLI remembers between commands about the live cluster (PCS_CONFIG_DIR/live-memory.json):
// the totem token, from which the bound for a node's answer is derived, and the nodes that lately
// did not answer in time, which are tried last, so that a hung node costs a command its delay once
// rather than on every `pcs status`. Losing this file loses nothing but that ordering.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../host/atomic.js";
import { configDir } from "../transport/config-dir.js";

interface LiveMemory {
  token?: number;
  /** node -> when it last failed to answer in time (ms since the epoch) */
  unanswered?: Record<string, number>;
}

/** A node that did not answer is tried last for this long, unless it answers before. */
export const REMEMBER_UNANSWERED_MS = 60000;

const memoryFile = () => join(configDir(), "live-memory.json");

function readMemory(): LiveMemory {
  try {
    const value = JSON.parse(readFileSync(memoryFile(), "utf8")) as unknown;
    return value && typeof value === "object" ? (value as LiveMemory) : {};
  } catch {
    return {};
  }
}

function writeMemory(memory: LiveMemory): void {
  // only beside a configuration that exists: remembering must never create the config dir
  if (!existsSync(configDir())) return;
  try {
    writeFileAtomic(memoryFile(), JSON.stringify(memory) + "\n", 0o600);
  } catch {
    // a read-only config dir: the order of nodes stays as configured
  }
}

/** The totem token (ms) the cluster runs with, as last seen by this CLI. */
export function knownToken(): number | undefined {
  const token = readMemory().token;
  return typeof token === "number" && Number.isFinite(token) && token > 0 ? token : undefined;
}

export function rememberToken(token: number | null | undefined): void {
  if (!token || !Number.isFinite(token) || token <= 0) return;
  const memory = readMemory();
  if (memory.token === token) return;
  writeMemory({ ...memory, token });
}

const recentlyUnanswered = (memory: LiveMemory, now: number): Map<string, number> =>
  new Map(Object.entries(memory.unanswered ?? {}).filter(([, at]) => typeof at === "number" && now - at < REMEMBER_UNANSWERED_MS));

/** Which nodes answered and which did not answer in time; the file is written only on a change. */
export function recordAnswers(answered: Iterable<string>, unanswered: Iterable<string>): void {
  const now = Date.now();
  const memory = readMemory();
  const before = recentlyUnanswered(memory, now);
  const after = new Map(before);
  for (const node of answered) after.delete(node);
  for (const node of unanswered) after.set(node, now);
  const changed = after.size !== before.size || [...after].some(([node, at]) => before.get(node) !== at);
  if (!changed && Object.keys(memory.unanswered ?? {}).length === before.size) return;
  writeMemory({ ...memory, unanswered: Object.fromEntries(after) });
}

/** `nodes` in the order to try them: those that lately did not answer last (the longest silent first among them). */
export function inPreferredOrder(nodes: string[]): string[] {
  const silent = recentlyUnanswered(readMemory(), Date.now());
  if (!silent.size) return nodes;
  const fine = nodes.filter((n) => !silent.has(n));
  const late = nodes.filter((n) => silent.has(n)).sort((a, b) => silent.get(a)! - silent.get(b)!);
  return [...fine, ...late];
}
