// What a fence agent's metadata tells fenced: the actions it supports (list, status, reboot, on)
// and whether it takes port, plug or nodeid. Read once per agent (a failure is retried after a
// while, as fenced retries every 10 s).
import { parseXml } from "../../cib/xml-parse.js";
import { descendants } from "../../cib/xml.js";
import { findFenceAgent, runFenceAgent } from "./run-agent.js";

export interface AgentCapabilities {
  actions: ReadonlySet<string>;
  parameters: ReadonlySet<string>;
}

const METADATA_TIMEOUT_MS = 10_000;
const RETRY_AFTER_MS = 10_000;

export function parseCapabilities(xml: string): AgentCapabilities | undefined {
  try {
    const root = parseXml(xml.trim());
    if (root.name !== "resource-agent") return undefined;
    const names = (tag: string) => new Set(descendants(root, tag).map((e) => e.attrs.name).filter((n): n is string => !!n));
    return { actions: names("action"), parameters: names("parameter") };
  } catch {
    return undefined;
  }
}

interface CacheEntry {
  path: string;
  at: number;
  caps: Promise<AgentCapabilities | undefined>;
}

const cache = new Map<string, CacheEntry>();

async function readCapabilities(agent: string): Promise<AgentCapabilities | undefined> {
  const result = await runFenceAgent({ device: "", agent, action: "metadata", args: { action: "metadata" }, timeoutMs: METADATA_TIMEOUT_MS });
  return result.rc === 0 ? parseCapabilities(result.stdout) : undefined;
}

/** The agent's capabilities, or undefined when its metadata cannot be read (fenced then assumes none). */
export async function agentCapabilities(agent: string, now = Date.now()): Promise<AgentCapabilities | undefined> {
  const path = findFenceAgent(agent);
  if (!path) return undefined;
  const cached = cache.get(agent);
  if (cached && cached.path === path) {
    const caps = await cached.caps;
    if (caps || now - cached.at < RETRY_AFTER_MS) return caps;
  }
  const entry: CacheEntry = { path, at: now, caps: readCapabilities(agent) };
  cache.set(agent, entry);
  return entry.caps;
}
