// A cluster of pcs-agents on 127.0.0.1 for the chaos harness: start, restart and signal nodes by
// pid, run the built pcs against them with a deadline, and end every process at the end.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { createIncarnations, processesMentioning, processState, readAgentJson } from "./processes.mjs";

const LISTEN_TIMEOUT_MS = 20000;
const PCS_TIMEOUT_MS = 60000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `root`: the run's directory (one state dir per node, named by node: fence_pcslite's state_root);
 * `dist`: the built bundle; `env`: what agents and pcs get on top of the harness's environment.
 */
export function createCluster({ root, dist, nodes, env }) {
  const agentJs = join(dist, "pcs-agent.js");
  const pcsJs = join(dist, "pcs.js");
  const configDir = join(root, "config");
  const password = randomBytes(12).toString("base64url");
  const stateDirOf = (node) => join(root, node);
  const logOf = (node) => join(root, `${node}.log`);
  const ports = new Map();
  const incarnations = createIncarnations(nodes, stateDirOf);
  const commonEnv = { ...process.env, ...env, PCS_CONFIG_DIR: configDir, PCS_LITE_NO_LOCAL_PACEMAKER: "1", PCS_LITE_MUX_PERSIST: "15" };
  const children = new Set();

  /** Start the node's agent (on its known port once it has one) and wait for its "agent.listening". */
  const startAgent = async (node) => {
    const dir = stateDirOf(node);
    mkdirSync(dir, { recursive: true });
    const log = logOf(node);
    const offset = existsSync(log) ? statSync(log).size : 0;
    const fd = openSync(log, "a");
    if (!ports.has(node)) ports.set(node, await freePort());
    const argv = [agentJs, "--state-dir", dir, "--listen", `127.0.0.1:${ports.get(node)}`];
    // its own process group: a Ctrl-C in the terminal reaches the harness, which ends the agents itself
    const child = spawn(process.execPath, argv, { detached: true, stdio: ["ignore", "ignore", fd], env: commonEnv });
    closeSync(fd);
    children.add(child);
    child.on("exit", () => children.delete(child));
    child.unref();
    const incarnation = incarnations.add(node, child.pid);
    const deadline = Date.now() + LISTEN_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const port = listeningPort(log, offset, child.pid);
      if (port) {
        ports.set(node, port);
        return incarnation;
      }
      if (processState(child.pid) === "dead") {
        throw new Error(`the pcs-agent started for ${node} ended before it listened (${child.signalCode ?? (child.exitCode !== null ? `exit ${child.exitCode}` : "gone")}; fencing kills an agent that starts while its node is fenced; see ${log})`);
      }
      await sleep(50);
    }
    throw new Error(`the pcs-agent started for ${node} did not listen within ${LISTEN_TIMEOUT_MS / 1000} s (see ${log})`);
  };

  const setPassword = (node) => {
    const r = spawnSync(process.execPath, [agentJs, "--state-dir", stateDirOf(node), "passwd"], { input: password + "\n", timeout: 20000 });
    if (r.status !== 0) throw new Error(`cannot set the password of ${node}: ${r.stderr}`);
  };

  const pcs = (args, { timeoutMs = PCS_TIMEOUT_MS } = {}) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, [pcsJs, "--request-timeout", String(Math.ceil(timeoutMs / 1000) - 2), ...args], {
        env: commonEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(child);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        children.delete(child);
        resolve({ code: code ?? 1, signal, stdout, stderr, ms: Date.now() - started });
      });
    });

  const mustPcs = async (args, opts) => {
    const r = await pcs(args, opts);
    if (r.code !== 0) throw new Error(`pcs ${args.join(" ")} failed (${r.code}):\n${r.stdout}${r.stderr}`);
    return r;
  };

  /** Send a signal to the node's living agent; returns the pid (undefined when none lives). */
  const signal = (node, sig) => {
    const current = incarnations.current(node);
    if (!current) return undefined;
    const at = Date.now();
    try {
      process.kill(current.pid, sig);
    } catch {
      return undefined;
    }
    if (sig === "SIGKILL") incarnations.killed(current.pid, at);
    return current.pid;
  };

  return {
    root,
    nodes,
    configDir,
    stateDirOf,
    logOf,
    incarnations,
    pcs,
    mustPcs,
    startAgent,
    signal,
    isUp: (node) => incarnations.current(node) !== undefined && processState(incarnations.current(node).pid) === "running",

    async create() {
      for (const node of nodes) setPassword(node);
      await Promise.all(nodes.map((n) => startAgent(n)));
      await mustPcs(["host", "auth", ...nodes.flatMap((n) => [n, `addr=127.0.0.1:${ports.get(n)}`]), "-u", "hacluster", "-p", password]);
      await mustPcs(["cluster", "setup", "chaos", ...nodes, "totem", "token=1000", "--start", "--wait=60"], { timeoutMs: 90000 });
    },

    /** Start the node again the way agent.json says it ran (else as the harness first started it). */
    async restart(node) {
      const info = readAgentJson(stateDirOf(node));
      const port = info?.listen ? Number(String(info.listen).split(":").at(-1)) : undefined;
      if (port) ports.set(node, port);
      return startAgent(node);
    },

    /** Every node's CIB file as it is on disk now ("" when missing). */
    cibs() {
      return nodes.map((n) => {
        try {
          return readFileSync(join(stateDirOf(n), "cib.xml"), "utf8");
        } catch {
          return "";
        }
      });
    },

    /** End every process of the run: the agents it knows by pid, then anything naming the run's directory. */
    async shutdown() {
      incarnations.stop();
      const pids = new Set(incarnations.living().map((i) => i.pid));
      for (const node of nodes) {
        const pid = readAgentJson(stateDirOf(node))?.pid;
        if (pid && processState(pid) !== "dead" && processesMentioning(root).includes(pid)) pids.add(pid);
      }
      for (const child of children) if (child.pid) pids.add(child.pid);
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await sleep(200);
      for (let round = 0; round < 3; round++) {
        const left = processesMentioning(root);
        if (!left.length) return;
        for (const pid of left) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
        await sleep(200);
      }
    },
  };
}

/**
 * A free port below Linux's ephemeral range (32768-60999): a node that is down must get its port back,
 * and a port from that range can meanwhile be taken as the source port of any outgoing connection.
 */
async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const ok = await new Promise((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  return 0;
}

function listeningPort(log, offset, pid) {
  let text;
  try {
    text = readFileSync(log).subarray(offset).toString("utf8");
  } catch {
    return undefined;
  }
  for (const line of text.split("\n")) {
    if (line.includes('"event":"agent.listening"') && line.includes(`"pid":${pid},`)) {
      const m = /"port":(\d+)/.exec(line);
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}
