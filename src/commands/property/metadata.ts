// Cluster property definitions, read once per run from the metadata of Pacemaker's daemons.
import { parseDaemonMetadata, type PropertyDefinition } from "../../cib/properties.js";
import type { Runner } from "../../env/index.js";
import { cachedOutput } from "../../host/output-cache.js";
import { processRunner } from "../../host/runner.js";
import { error, ReportedError } from "../../report/index.js";

const PACEMAKER_DAEMON_DIR = process.env.PCS_LITE_PACEMAKER_DIR ?? "/usr/lib/pacemaker";
const DAEMONS = ["pacemaker-based", "pacemaker-controld", "pacemaker-schedulerd"];

let cached: Promise<PropertyDefinition[]> | undefined;

async function loadOne(runner: Runner, daemon: string): Promise<PropertyDefinition[]> {
  const program = `${PACEMAKER_DAEMON_DIR}/${daemon}`;
  const run = () => runner(program, ["metadata"], { timeoutMs: 30000 });
  // the metadata is compiled into the daemon: remembered per binary (a stand-in runner is always asked)
  const result = await (runner === processRunner ? cachedOutput(program, ["metadata"], run) : run());
  const text = result.stdout.trim();
  if (!text) throw new ReportedError([error("PROPERTY_METADATA_UNAVAILABLE", { agent: daemon, reason: result.stderr.trim() })]);
  try {
    return parseDaemonMetadata(text);
  } catch (e) {
    throw new ReportedError([error("PROPERTY_METADATA_UNAVAILABLE", { agent: daemon, reason: (e as Error).message })]);
  }
}

/** All daemons' definitions; a later daemon's definition of a name replaces an earlier one. */
export function propertyDefinitions(runner: Runner): Promise<PropertyDefinition[]> {
  cached ??= Promise.all(DAEMONS.map((d) => loadOne(runner, d))).then((lists) => {
    const byName = new Map<string, PropertyDefinition>();
    for (const definition of lists.flat()) byName.set(definition.name, definition);
    return [...byName.values()];
  });
  return cached;
}
