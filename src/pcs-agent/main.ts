// pcs-agent: `pcs-agent --state-dir DIR --listen ADDR:PORT` runs the node agent in the
// foreground; `pcs-agent --state-dir DIR passwd` sets the hacluster password from stdin.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../host/atomic.js";
import { startServer } from "../transport/server.js";
import { publicBlobs } from "../transport/keys.js";
import { SOCKET_VARIABLE } from "../cluster/executor/attribute-protocol.js";
import { makeHandler, PASSWORD_METHODS } from "../cluster/handlers.js";
import { makeLogger } from "../cluster/log.js";
import { createNode } from "../cluster/node.js";
import { checkPassword, ensureStateDir, hostKeyPair, readAuthorizedKeys, setPassword, startsWithAgent } from "../cluster/state.js";

const USAGE = "Usage: pcs-agent [--backend pcs-lite|pacemaker] --state-dir DIR --listen ADDR:PORT\n       pcs-agent --state-dir DIR passwd   (reads the password of user hacluster from stdin)\n";

function parseArgs(argv: string[]): { stateDir?: string; listen?: string; backend?: string; command?: string } {
  const out: { stateDir?: string; listen?: string; backend?: string; command?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (flag === "--state-dir") out.stateDir = inline ?? argv[++i];
    else if (flag === "--listen") out.listen = inline ?? argv[++i];
    else if (flag === "--backend") out.backend = inline ?? argv[++i];
    else if (a === "-h" || a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (!a.startsWith("-") && !out.command) out.command = a;
    else {
      process.stderr.write(`pcs-agent: unknown argument '${a}'\n${USAGE}`);
      process.exit(2);
    }
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Variables a restarted agent needs again (a fence agent restarts it from another process's environment). */
const RESTART_VARIABLES = /^(PATH|OCF_ROOT|NODE_OPTIONS|PCS_LITE_\w+)$/;

/**
 * `<state dir>/agent.json`: how to find this process and start it again on the same address, for
 * fence_pcslite (src/fence-agent, docs/fence-agent.md). Removed on a clean exit: a node that is simply
 * stopped is not restarted by fencing.
 */
function writeAgentRecord(stateDir: string, listen: string): string {
  const dir = resolve(stateDir);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && RESTART_VARIABLES.test(k) && k !== SOCKET_VARIABLE));
  const record = { pid: process.pid, node: process.execPath, argv: [resolve(process.argv[1]), "--state-dir", dir, "--listen", listen], listen, started: Date.now(), env };
  const file = join(dir, "agent.json");
  writeFileAtomic(file, JSON.stringify(record) + "\n", 0o600);
  return file;
}

function removeAgentRecord(file: string): void {
  try {
    if ((JSON.parse(readFileSync(file, "utf8")) as { pid?: number }).pid === process.pid) rmSync(file, { force: true });
  } catch {
    // gone already, or replaced by a newer agent's record
  }
}

async function main(): Promise<number> {
  if (process.argv[2] === "shim") return (await import("../cluster/executor/shim-main.js")).runShim(process.argv.slice(3));
  const args = parseArgs(process.argv.slice(2));
  if (!args.stateDir) {
    process.stderr.write(`pcs-agent: --state-dir is required\n${USAGE}`);
    return 2;
  }
  const files = ensureStateDir(args.stateDir);
  if (args.command === "passwd") {
    const password = (await readStdin()).replace(/\r?\n$/, "");
    if (!password) {
      process.stderr.write("pcs-agent: the password must not be empty\n");
      return 1;
    }
    await setPassword(files, password);
    return 0;
  }
  if (args.command) {
    process.stderr.write(`pcs-agent: unknown command '${args.command}'\n${USAGE}`);
    return 2;
  }
  const m = /^(.*):(\d+)$/.exec(args.listen ?? "");
  if (!m) {
    process.stderr.write(`pcs-agent: --listen ADDR:PORT is required\n${USAGE}`);
    return 2;
  }
  const host = m[1].replace(/^\[(.*)\]$/, "$1");
  if (args.backend !== undefined && args.backend !== "pcs-lite") {
    if (args.backend !== "pacemaker") {
      process.stderr.write(`pcs-agent: unknown backend '${args.backend}' (pcs-lite or pacemaker)\n${USAGE}`);
      return 2;
    }
    // a real Pacemaker cluster's node: the protocol answered by Pacemaker's tools (src/pacemaker-agent)
    await (await import("../pacemaker-agent/serve.js")).servePacemakerAgent({ stateDir: args.stateDir, host, port: Number(m[2]) });
    return -1;
  }
  const log = makeLogger({ pid: process.pid });
  const hostKey = hostKeyPair(files);
  const node = createNode(files, log);
  const authorizedKeys = () => {
    const keys = readAuthorizedKeys(files);
    const cluster = files.clusterKey + ".pub";
    if (existsSync(cluster)) keys.push(readFileSync(cluster, "utf8").trim());
    return publicBlobs(keys);
  };
  const server = await startServer(
    {
      hostKey: hostKey.private,
      checkPassword: (user, password) => checkPassword(files, user, password),
      authorizedKeys,
      handle: makeHandler(files, node, hostKey.public, log),
      passwordMethods: PASSWORD_METHODS,
      log,
      requestTimeoutMs: 60000,
    },
    { host, port: Number(m[2]) },
  );
  // written before the "listening" line, which the sandbox and the tests wait for
  const record = writeAgentRecord(args.stateDir, `${m[1]}:${server.port}`);
  log("agent.listening", { host, port: server.port, stateDir: args.stateDir });
  if (startsWithAgent(files) && node.config()) node.start();
  const shutdown = () => {
    log("agent.stopping", {});
    removeAgentRecord(record);
    void server.close();
    // operations in flight end with us (their process groups are killed), whatever they hang on
    const exit = setTimeout(() => process.exit(0), 3000);
    void node.halt().finally(() => {
      clearTimeout(exit);
      process.exit(0);
    });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`pcs-agent: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
