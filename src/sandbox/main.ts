// npm start [-- --base-port N]: a local three-node pcs-lite cluster on 127.0.0.1 with state in a
// temporary directory, set up and started through the real pcs commands, fenced by fence_pcslite
// (the bundle's dist/fence). Ctrl-C, or the end of the npm that started it, stops every agent (also
// the ones a fence agent started again) and every connection multiplexer of its configuration.
import { spawnSync, type ChildProcess } from "node:child_process";
import { spawnAgent } from "../cluster/spawn-agent.js";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { commandLine, isAlive, processesWithDirectory, signal } from "../fence-agent/processes.js";
import { resourceAgentTmp } from "../fence-agent/node.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const AGENT = join(here, "pcs-agent.js");
const PCS = join(here, "pcs.js");
const FENCE_DIR = join(here, "fence");
const NODES = ["node1", "node2", "node3"];
/** How long agents get to stop on SIGTERM before they are killed. */
const STOP_GRACE_MS = 5000;
/** How often the sandbox checks that the npm (or shell) that started it is still there. */
const PARENT_POLL_MS = 500;
/** A pcs command of the sandbox's own that has not finished by then is killed. */
const PCS_DEADLINE_MS = 120000;
const USAGE = "Usage: npm start [-- --base-port N]   (node1 listens on 127.0.0.1:N, node2 on N+1, node3 on N+2)";

/** `--base-port N` (or `--base-port=N`): fixed ports instead of free ones the system picks. */
function parseArguments(argv: string[]): { basePort?: number } {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    } else if (arg === "--base-port") value = argv[++i] ?? "";
    else if (arg.startsWith("--base-port=")) value = arg.slice("--base-port=".length);
    else refuse(`unknown argument '${arg}'`);
  }
  if (value === undefined) return {};
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 1 && port + NODES.length - 1 <= 65535)) refuse(`'${value}' is not a valid --base-port: use a port from 1 to ${65536 - NODES.length}`);
  return { basePort: port };
}

function refuse(message: string): never {
  process.stderr.write(`sandbox: ${message}\n${USAGE}\n`);
  process.exit(1);
}

const { basePort } = parseArguments(process.argv.slice(2));

const root = mkdtempSync(join(tmpdir(), "pcs-lite-sandbox-"));
const configDir = join(root, "config");
// the agents run fence_pcslite from there, pcs reads its metadata from there
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PCS_LITE_FENCE_DIR: [FENCE_DIR, process.env.PCS_LITE_FENCE_DIR].filter(Boolean).join(":"),
};
const pcsEnv: NodeJS.ProcessEnv = { ...env, PCS_CONFIG_DIR: configDir };

const SAMPLES: string[][] = [
  ["stonith", "create", "fence-sandbox", "fence_pcslite", `state_root=${root}`, `pcmk_host_list=${NODES.join(" ")}`],
  ["resource", "create", "web", "ocf:heartbeat:Dummy", "op", "monitor", "interval=5s"],
  ["resource", "create", "everywhere", "ocf:heartbeat:Dummy", "clone"],
  ["resource", "create", "db", "ocf:pacemaker:Stateful", "promotable"],
  ["resource", "create", "vip", "ocf:heartbeat:IPaddr2", "ip=192.0.2.10", "cidr_netmask=24", "--disabled"],
];

const children: ChildProcess[] = [];
let stopping = false;

/** A command as a shell user would type it. */
const shown = (args: string[]) => args.map((a) => (/[\s"']/.test(a) ? a.replace(/^([^=]*=)?(.*)$/s, (_, k = "", v) => `${k}"${v}"`) : a)).join(" ");

function pcs(args: string[], quiet = false): number {
  const r = spawnSync(process.execPath, [PCS, ...args], { env: pcsEnv, encoding: "utf8", timeout: PCS_DEADLINE_MS });
  if (!quiet || r.status !== 0) {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
  }
  return r.status ?? 1;
}

/** Whether nothing listens on 127.0.0.1:port (a port the agent could take). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ host: "127.0.0.1", port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const portTaken = (port: number, name: string) => `port ${port} (for ${name}) is already in use on 127.0.0.1: choose another --base-port, or none`;

function startAgent(name: string, password: string, port = 0): Promise<number> {
  const dir = join(root, name);
  const pw = spawnSync(process.execPath, [AGENT, "--state-dir", dir, "passwd"], { input: password + "\n", timeout: PCS_DEADLINE_MS });
  if (pw.status !== 0) throw new Error(`cannot set the password of ${name}: ${pw.stderr}`);
  // fence_pcslite appends the output of an agent it starts again to the same file
  const log = createWriteStream(join(root, `${name}.log`), { flags: "a" });
  let logged = "";
  const agent = spawnAgent(AGENT, dir, { port, onLog: (d) => (log.write(d), (logged += d.toString())), env });
  children.push(agent.child);
  let listening = false;
  agent.child.on("exit", (code, sig) => {
    if (stopping || !listening) return;
    const how = sig ? `was killed by ${sig} (fenced?)` : `exited with ${code}`;
    process.stderr.write(`sandbox: pcs-agent ${name} ${how}; see ${join(root, `${name}.log`)}\n`);
  });
  return agent.listening.then(
    (p) => ((listening = true), (logged = ""), p),
    () => {
      // taken between the check and the agent's start
      if (port && /EADDRINUSE/.test(logged)) throw new Error(portTaken(port, name));
      throw new Error(`pcs-agent ${name} did not start; see ${join(root, `${name}.log`)}`);
    },
  );
}

/** The pid in a node's agent.json: the agent running now, whoever started it. */
function recordedPid(name: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(join(root, name, "agent.json"), "utf8")) as { pid?: unknown }).pid;
    return typeof pid === "number" && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The connection multiplexers of the sandbox's configuration (started by the sandbox's pcs
 * commands or by the user's, with its PCS_CONFIG_DIR): detached processes that Ctrl-C does not reach.
 */
const multiplexers = (): number[] =>
  processesWithDirectory("PCS_CONFIG_DIR", configDir).filter((pid) => commandLine(pid)?.[0]?.startsWith("pcs-lite-mux"));

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  // read before signalling: an agent removes its agent.json as it stops
  const pids = new Set<number>(multiplexers());
  for (const name of NODES) {
    const pid = recordedPid(name);
    if (pid) pids.add(pid);
  }
  for (const child of children) if (child.exitCode === null && child.signalCode === null && child.pid) pids.add(child.pid);
  for (const pid of pids) {
    signal(pid, "SIGTERM");
    signal(pid, "SIGCONT"); // a node stopped with kill -STOP must be able to act on it
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  const finish = () => {
    const alive = [...pids].filter(isAlive);
    if (alive.length > 0 && Date.now() < deadline) return void setTimeout(finish, 50);
    for (const pid of alive) signal(pid, "SIGKILL");
    // and a multiplexer a last command may have left behind meanwhile
    for (const pid of multiplexers()) signal(pid, "SIGKILL");
    // resource agents the killed agents left behind
    for (const name of NODES) for (const pid of processesWithDirectory("HA_RSCTMP", resourceAgentTmp(join(root, name)))) signal(pid, "SIGKILL");
    rmSync(root, { recursive: true, force: true });
    process.exit(code);
  };
  finish();
}

/** The node `web` runs on once the cluster has started it (undefined if it does not within 30 s). */
async function waitForStarted(): Promise<string | undefined> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const r = spawnSync(process.execPath, [PCS, "status"], { env: pcsEnv, encoding: "utf8", timeout: PCS_DEADLINE_MS });
    const web = /\* web\s+\(ocf:heartbeat:Dummy\):\s+Started (\S+)/.exec(r.stdout ?? "");
    if (web && /Promoted: \[/.test(r.stdout)) return web[1];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

/** A process's parent, from /proc (undefined once it is gone). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // after the command name in parentheses: state, then the parent's pid
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/**
 * The processes whose end means nobody is left to press Ctrl-C: the parent, and when npm started
 * the sandbox, each process up to npm itself (npm runs the script through a shell, which outlives
 * a killed npm and keeps to itself the signals npm forwards to it).
 */
function watchedAncestors(): number[] {
  const chain = [process.ppid];
  if (!process.env.npm_lifecycle_event) return chain;
  for (let pid = process.ppid; chain.length < 4; ) {
    if (/(^|[\s/])npm(\s|-cli|$)/.test(commandLine(pid)?.join(" ") ?? "")) break;
    const parent = parentOf(pid);
    if (!parent || parent <= 1) break;
    chain.push(parent);
    pid = parent;
  }
  return chain;
}

/** Stop the sandbox when the npm or shell that started it goes away without a signal reaching us. */
function watchAncestors(): void {
  const parent = process.ppid;
  const watched = watchedAncestors();
  setInterval(() => {
    if (stopping || (process.ppid === parent && watched.every(isAlive))) return;
    process.stderr.write("sandbox: the process that started the sandbox has gone away; stopping the agents\n");
    shutdown(0);
  }, PARENT_POLL_MS);
}

function epilogue(webNode: string | undefined, ports: number[]): string {
  const pcsPath = join(here, "..", "bin", "pcs");
  const webPid = webNode && recordedPid(webNode);
  const breakIt = webNode
    ? `\nBreak a resource and watch the cluster recover it (the monitor notices within 5 s):\n\n` +
      `  rm ${join(root, webNode, "run", "resource-agents", "Dummy-web.state")}; watch -n1 ${pcsPath} status\n`
    : "";
  const failover = webPid
    ? `\nHang the node running web and watch a failover (${webNode} is fenced, web starts elsewhere, ${webNode} comes back):\n\n` +
      `  kill -STOP ${webPid}; watch -n1 ${pcsPath} status\n`
    : "";
  return (
    `\nThe sandbox cluster is running (state in ${root}), its agents on 127.0.0.1: ` +
    `${NODES.map((n, i) => `${n} port ${ports[i]}`).join(", ")}.\nUse pcs against it from another shell:\n\n` +
    `  export PCS_CONFIG_DIR=${configDir} PCS_LITE_FENCE_DIR=${env.PCS_LITE_FENCE_DIR}\n  ${pcsPath} status\n${breakIt}${failover}` +
    `\nPress Ctrl-C to stop every agent of the sandbox.\n`
  );
}

async function main(): Promise<void> {
  // a closed terminal or pipe must still stop the agents
  process.stdout.on("error", () => shutdown(0));
  process.stderr.on("error", () => shutdown(0));
  process.on("SIGHUP", () => shutdown(0));
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
  watchAncestors();
  if (basePort) for (const [i, name] of NODES.entries()) if (!(await portIsFree(basePort + i))) throw new Error(portTaken(basePort + i, name));
  const password = randomBytes(12).toString("base64url");
  const ports = await Promise.all(NODES.map((n, i) => startAgent(n, password, basePort ? basePort + i : 0)));
  const step = (title: string, args: string[], quiet = false) => {
    process.stdout.write(`\n$ pcs ${args.map((a) => (a === password ? "<password>" : a)).join(" ")}\n`);
    if (pcs(args, quiet) !== 0) throw new Error(`'${title}' failed`);
  };
  step("host auth", ["host", "auth", ...NODES.flatMap((n, i) => [n, `addr=127.0.0.1:${ports[i]}`]), "-u", "hacluster", "-p", password]);
  step("cluster setup", ["cluster", "setup", "sandbox", ...NODES, "totem", "token=1000", "--start", "--wait=30"]);
  for (const args of SAMPLES) {
    process.stdout.write(`\n$ pcs ${shown(args)}\n`);
    const r = spawnSync(process.execPath, [PCS, ...args], { env: pcsEnv, encoding: "utf8", timeout: PCS_DEADLINE_MS });
    if (r.status === 0) process.stdout.write(r.stdout + r.stderr);
    else process.stdout.write(`(not applied: ${r.stderr.split("\n").find((l) => l.startsWith("Error:")) ?? "command not available in this build"})\n`);
  }
  const webNode = await waitForStarted();
  process.stdout.write("\n$ pcs status\n");
  if (pcs(["status"]) !== 0) pcs(["cluster", "status"]);
  process.stdout.write(epilogue(webNode, ports));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${(e as Error).message}\n`);
  shutdown(1);
});
