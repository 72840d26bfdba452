// Read agents' metadata (once per run): OCF agents and fence agents are run directly, other
// standards through crm_resource. Results are pcs-cleaned and cached per agent.
import { join } from "node:path";
import { fullName, isStonithName, type AgentName } from "./name.js";
import { parseMetadata, voidMetadata } from "./parse.js";
import { fenceAgentPath, isExecutableFile, type AgentSources } from "./sources.js";
import { FAKE_AGENT_STANDARD, toPcsMetadata, traceParameters } from "./transform.js";
import { AgentError, type AgentMetadata, type AgentParameter } from "./types.js";

const SEARCH_PATH = (sources: AgentSources) => [...sources.fenceDirs, "/bin", "/usr/bin", "/sbin", "/usr/sbin"].join(":");

const notFound = (name: AgentName): AgentError =>
  new AgentError({
    kind: "metadata",
    agent: fullName(name),
    reason: `crm_resource: Metadata query for ${fullName(name)} failed: No such device or address, Error performing operation: No such object`,
  });

const oneLine = (text: string): string =>
  text
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(", ");

async function rawOcf(sources: AgentSources, name: AgentName): Promise<string> {
  const path = join(sources.ocfRoot, "resource.d", name.provider ?? "", name.type);
  if (name.type.includes("/") || !isExecutableFile(path)) throw notFound(name);
  const result = await sources.runner(path, ["meta-data"], {
    env: {
      OCF_ROOT: sources.ocfRoot,
      OCF_RESOURCE_INSTANCE: name.type,
      OCF_RESOURCE_TYPE: name.type,
      OCF_RESOURCE_PROVIDER: name.provider ?? "",
      PATH: `${SEARCH_PATH(sources)}:${process.env.PATH ?? ""}`,
    },
    timeoutMs: sources.timeoutMs,
  });
  if (result.code !== 0 || !result.stdout.trim()) throw notFound(name);
  return result.stdout.trim();
}

async function rawFence(sources: AgentSources, name: AgentName): Promise<string> {
  const path = fenceAgentPath(sources, name.type);
  if (name.type.includes("/") || !isExecutableFile(path)) throw notFound(name);
  const result = await sources.runner(path, ["-o", "metadata"], {
    env: { PATH: `${SEARCH_PATH(sources)}:${process.env.PATH ?? ""}` },
    timeoutMs: sources.timeoutMs,
  });
  if (!result.stdout.trim()) throw notFound(name);
  return result.stdout.trim();
}

async function rawViaCrmResource(sources: AgentSources, name: AgentName): Promise<string> {
  const result = await sources.runner(sources.crmResource, ["--show-metadata", fullName(name)], {
    env: { PATH: `${SEARCH_PATH(sources)}:${process.env.PATH ?? ""}` },
    timeoutMs: sources.timeoutMs,
  });
  if (result.code !== 0) throw new AgentError({ kind: "metadata", agent: fullName(name), reason: oneLine(result.stderr) });
  return result.stdout.trim();
}

/** What pacemaker's fencer changes in a fence agent's metadata before anyone sees it. */
function fencerAdjustments(metadata: AgentMetadata): AgentMetadata {
  const parameters = metadata.parameters.map((p) => (p.name === "action" || p.name === "port" ? { ...p, required: false } : p));
  const actions = [...metadata.actions];
  for (const action of ["stop", "start"]) {
    if (!actions.some((a) => a.name === action)) actions.push({ name: action, timeout: "20s", automatic: false, onTarget: false });
  }
  return { ...metadata, parameters, actions };
}

async function loadRaw(sources: AgentSources, name: AgentName): Promise<AgentMetadata> {
  if (name.standard === "ocf") return parseMetadata(name, await rawOcf(sources, name));
  if (name.standard === "stonith" && name.type.startsWith("fence_")) {
    return fencerAdjustments(parseMetadata(name, await rawFence(sources, name)));
  }
  return parseMetadata(name, await rawViaCrmResource(sources, name));
}

const rawCache = new Map<string, Promise<AgentMetadata>>();
let fencedCache: Promise<AgentParameter[]> | undefined;

/** Raw (unified, not pcs-cleaned) metadata; throws AgentError. Cached for the run. */
export function loadMetadata(sources: AgentSources, name: AgentName): Promise<AgentMetadata> {
  const key = fullName(name);
  let cached = rawCache.get(key);
  if (!cached) {
    cached = loadRaw(sources, name);
    rawCache.set(key, cached);
  }
  return cached;
}

/** Metadata of pacemaker-fenced (the pcmk_* stonith parameters), pcs-cleaned. */
export async function fencedMetadata(sources: AgentSources): Promise<AgentMetadata> {
  const name = { standard: FAKE_AGENT_STANDARD, type: "pacemaker-fenced" };
  const result = await sources.runner(sources.fencedBinary, ["metadata"], { timeoutMs: sources.timeoutMs });
  if (!result.stdout.trim()) throw new AgentError({ kind: "metadata", agent: "pacemaker-fenced", reason: oneLine(result.stderr) });
  return toPcsMetadata(parseMetadata(name, result.stdout.trim()));
}

export interface LoadedAgent {
  /** pcs-cleaned metadata with the parameters pcs adds (fencer's, trace_*). */
  metadata: AgentMetadata;
  /** Warnings raised while loading (fencer metadata unavailable). */
  problems: AgentError[];
}

async function fencedParameters(sources: AgentSources, problems: AgentError[]): Promise<AgentParameter[]> {
  fencedCache ??= fencedMetadata(sources).then(
    (m) => m.parameters,
    (e: unknown) => {
      if (e instanceof AgentError) problems.push(e);
      return [];
    },
  );
  return fencedCache;
}

/** The agent as pcs validates against it; throws AgentError when it cannot be loaded. */
export async function loadAgent(sources: AgentSources, name: AgentName): Promise<LoadedAgent> {
  return completeAgent(sources, await loadMetadata(sources, name));
}

/** A missing agent's placeholder (with --force). */
export async function voidAgent(sources: AgentSources, name: AgentName): Promise<LoadedAgent> {
  return completeAgent(sources, voidMetadata(name));
}

async function completeAgent(sources: AgentSources, raw: AgentMetadata): Promise<LoadedAgent> {
  const problems: AgentError[] = [];
  const metadata = toPcsMetadata(raw);
  const extra: AgentParameter[] = [];
  if (isStonithName(raw.name)) extra.push(...(await fencedParameters(sources, problems)));
  if (raw.name.standard === "ocf" && (raw.name.provider === "heartbeat" || raw.name.provider === "pacemaker")) {
    extra.push(...traceParameters(raw.parameters));
  }
  return { metadata: extra.length ? { ...metadata, parameters: [...metadata.parameters, ...extra] } : metadata, problems };
}
