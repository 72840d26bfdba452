// A pcs-lite node seen as a machine to power off and on: its state directory <state_root>/<plug>,
// the agent.json its pcs-agent writes once it listens, and the processes that make it up.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { commandLine, isAlive, processesWithArgument, processesWithDirectory, processGroup, signal, sleep, waitGone } from "./processes.js";

/** What pcs-agent writes to <state dir>/agent.json (src/pcs-agent/main.ts). */
export interface AgentRecord {
  pid: number;
  /** The node binary that ran it. */
  node: string;
  /** Its arguments after the binary: script, --state-dir DIR, --listen ADDR:PORT. */
  argv: string[];
  listen: string;
  /** epoch ms */
  started: number;
  /** The variables it needs again when started anew (PATH, OCF_ROOT, PCS_LITE_*). */
  env?: Record<string, string>;
}

export class FenceError extends Error {}

export interface NodeTarget {
  plug: string;
  dir: string;
  /** Where a restarted pcs-agent writes its output. */
  logFile: string;
}

export const AGENT_RECORD = "agent.json";

/** The executor's HA_RSCTMP for a state directory (src/cluster/executor executorPaths). */
export const resourceAgentTmp = (stateDir: string) => join(stateDir, "run", "resource-agents");

/** The node's volatile directory (HA_VARRUN): what a real machine loses in /run when it loses power. */
const volatileDir = (stateDir: string) => join(stateDir, "run");

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export function checkStateRoot(stateRoot: string | undefined): string {
  if (!stateRoot) throw new FenceError("Failed: You have to enter state_root (the directory holding the nodes' state directories)");
  if (!isDirectory(stateRoot)) throw new FenceError(`Failed: state_root '${stateRoot}' is not a directory`);
  return stateRoot;
}

export function nodeTarget(stateRoot: string | undefined, plug: string | undefined): NodeTarget {
  const root = checkStateRoot(stateRoot);
  if (!plug) throw new FenceError("Failed: You have to enter plug number or machine identification");
  if (plug === "." || plug === ".." || /[/\0]/.test(plug)) throw new FenceError(`Failed: '${plug}' is not a node name`);
  const dir = join(root, plug);
  if (!isDirectory(dir)) throw new FenceError(`Failed: Unable to obtain correct plug status or plug is not available (no directory ${dir})`);
  return { plug, dir, logFile: join(root, `${plug}.log`) };
}

/** Nodes of the state root: directories a pcs-agent has used. */
export function listNodes(stateRoot: string): string[] {
  return readdirSync(stateRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && [AGENT_RECORD, "ssh_host_ed25519_key", "cib.xml"].some((f) => existsSync(join(stateRoot, d.name, f))))
    .map((d) => d.name)
    .sort();
}

export function readRecord(target: NodeTarget): AgentRecord | undefined {
  const file = join(target.dir, AGENT_RECORD);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let record: AgentRecord;
  try {
    record = JSON.parse(text) as AgentRecord;
  } catch {
    throw new FenceError(`Failed: ${file} is not JSON`);
  }
  if (!Number.isInteger(record.pid) || typeof record.node !== "string" || !Array.isArray(record.argv) || typeof record.listen !== "string") {
    throw new FenceError(`Failed: ${file} lacks pid, node, argv or listen`);
  }
  return record;
}

/** The record's pid, if that process is still the one recorded (a reused pid is somebody else). */
function recordedPid(record: AgentRecord | undefined): number | undefined {
  if (!record || !isAlive(record.pid)) return undefined;
  const argv = commandLine(record.pid);
  if (!argv || argv.length < record.argv.length) return undefined;
  const tail = argv.slice(argv.length - record.argv.length);
  return tail.every((a, i) => a === record.argv[i]) ? record.pid : undefined;
}

/** The node's pcs-agent processes: the recorded one, and any started on its state directory. */
export function agentPids(target: NodeTarget): number[] {
  const recorded = recordedPid(readRecord(target));
  return [...new Set([...(recorded ? [recorded] : []), ...processesWithArgument("--state-dir", target.dir)])];
}

export const powerStatus = (target: NodeTarget): "on" | "off" => (agentPids(target).length > 0 ? "on" : "off");

export interface OffResult {
  killed: number[];
}

/** SIGKILL the pcs-agent and every process running in its resource agents' environment, wait until
 * they are gone, then drop the node's volatile state as a power cut would. */
export async function powerOff(target: NodeTarget, timeoutMs: number): Promise<OffResult> {
  const killed = new Set<number>();
  const ownGroup = processGroup(process.pid);
  const deadline = Date.now() + timeoutMs;
  // the agent first, so that it starts nothing new; then its agents, until a scan finds none
  for (let round = 0; ; round++) {
    const found = round === 0 ? agentPids(target) : [...agentPids(target), ...processesWithDirectory("HA_RSCTMP", resourceAgentTmp(target.dir))];
    if (round > 0 && found.length === 0) break;
    for (const pid of found) {
      signal(pid, "SIGKILL");
      // resource agents run as leaders of their own process groups: their children go with them
      if (processGroup(pid) === pid && pid !== ownGroup) signal(-pid, "SIGKILL");
      killed.add(pid);
    }
    if (Date.now() >= deadline) break;
    await sleep(round === 0 ? 0 : 20);
  }
  const alive = await waitGone([...killed], Math.max(0, deadline - Date.now()));
  if (alive.length > 0) throw new FenceError(`Failed: Timed out waiting to power OFF (still alive: ${alive.join(" ")})`);
  const run = volatileDir(target.dir);
  if (existsSync(run)) for (const name of readdirSync(run)) rmSync(join(run, name), { recursive: true, force: true });
  return { killed: [...killed] };
}

function parseListen(listen: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(listen);
  if (!m || Number(m[2]) === 0) throw new FenceError(`Failed: agent.json has no usable listen address '${listen}'`);
  return { host: m[1].replace(/^\[(.*)\]$/, "$1"), port: Number(m[2]) };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Variables that belong to the pcs-agent being started (agent.json's env), not to whoever runs the fence agent. */
const AGENT_VARIABLES = /^(PATH|OCF_ROOT|NODE_OPTIONS|PCS_LITE_\w+)$/;
/** Variables of a resource agent's environment: passed on, the next off of the node whose HA_RSCTMP it is would
 * kill the restarted agent. */
const FOREIGN_VARIABLES = /^(HA_|CRM_|OCF_(?!ROOT$)|PCS_LITE_ATTRD_)/;

export function restartEnvironment(record: AgentRecord, inherited: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(inherited)) {
    if (v === undefined || FOREIGN_VARIABLES.test(k)) continue;
    if (record.env && AGENT_VARIABLES.test(k)) continue;
    env[k] = v;
  }
  for (const [k, v] of Object.entries(record.env ?? {})) if (!FOREIGN_VARIABLES.test(k) && typeof v === "string") env[k] = v;
  return env;
}

/** Start the node's pcs-agent again from its agent.json, detached, and wait until it is up. */
export async function powerOn(target: NodeTarget, timeoutMs: number): Promise<"started" | "already"> {
  if (agentPids(target).length > 0) return "already";
  const record = readRecord(target);
  if (!record) throw new FenceError(`Failed: no ${AGENT_RECORD} in ${target.dir}: the node never ran, or stopped cleanly; start it with pcs-agent`);
  const { host, port } = parseListen(record.listen);
  if (await accepts(host, port)) throw new FenceError(`Failed: ${record.listen} is in use by another process; not starting ${target.plug}`);
  const log = openSync(target.logFile, "a", 0o600);
  let exited: string | undefined;
  let pid: number | undefined;
  try {
    const child = spawn(record.node, record.argv, { detached: true, stdio: ["ignore", log, log], env: restartEnvironment(record), cwd: "/" });
    child.once("error", (e) => (exited = e.message));
    child.once("exit", (code, sig) => (exited = sig ? `was killed by ${sig}` : `exited with code ${code}`));
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(log);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new FenceError(`Failed: the pcs-agent of ${target.plug} ${exited}; see ${target.logFile}`);
    // up once it listens and its record names it (what the next off or status reads)
    if ((await accepts(host, port)) && readRecord(target)?.pid === pid) return "started";
    if (Date.now() >= deadline) throw new FenceError(`Failed: Timed out waiting to power ON (${target.plug} does not listen on ${record.listen}; see ${target.logFile})`);
    await sleep(25);
  }
}
