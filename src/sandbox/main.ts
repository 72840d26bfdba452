// npm start: a local three-node pcs-lite cluster on 127.0.0.1 with state in a temporary
// directory, set up and started through the real pcs commands; Ctrl-C stops every agent.
import { spawnSync, type ChildProcess } from "node:child_process";
import { spawnAgent } from "../cluster/spawn-agent.js";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const AGENT = join(here, "pcs-agent.js");
const PCS = join(here, "pcs.js");
const NODES = ["node1", "node2", "node3"];
// No fence device runs in the sandbox yet, so fencing is off: with it on, Pacemaker starts nothing.
const SAMPLES: string[][] = [
  ["property", "set", "stonith-enabled=false"],
  ["resource", "create", "web", "ocf:heartbeat:Dummy", "op", "monitor", "interval=5s"],
  ["resource", "create", "everywhere", "ocf:heartbeat:Dummy", "clone"],
  ["resource", "create", "db", "ocf:pacemaker:Stateful", "promotable"],
  ["resource", "create", "vip", "ocf:heartbeat:IPaddr2", "ip=192.0.2.10", "cidr_netmask=24", "--disabled"],
];

const root = mkdtempSync(join(tmpdir(), "pcs-lite-sandbox-"));
const configDir = join(root, "config");
const children: ChildProcess[] = [];
let stopping = false;

function pcs(args: string[], quiet = false): number {
  const r = spawnSync(process.execPath, [PCS, ...args], { env: { ...process.env, PCS_CONFIG_DIR: configDir }, encoding: "utf8" });
  if (!quiet || r.status !== 0) {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
  }
  return r.status ?? 1;
}

function startAgent(name: string, password: string): Promise<number> {
  const dir = join(root, name);
  const pw = spawnSync(process.execPath, [AGENT, "--state-dir", dir, "passwd"], { input: password + "\n" });
  if (pw.status !== 0) throw new Error(`cannot set the password of ${name}: ${pw.stderr}`);
  const log = createWriteStream(join(root, `${name}.log`));
  const agent = spawnAgent(AGENT, dir, { onLog: (d) => log.write(d) });
  children.push(agent.child);
  agent.child.on("exit", (code) => {
    if (!stopping) process.stderr.write(`sandbox: pcs-agent ${name} exited with ${code}; see ${join(root, `${name}.log`)}\n`);
  });
  return agent.listening;
}

function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.pid) child.kill("SIGTERM");
  setTimeout(() => {
    rmSync(root, { recursive: true, force: true });
    process.exit(code);
  }, 300);
}

/** The node `web` runs on once the cluster has started it (undefined if it does not within 30 s). */
async function waitForStarted(): Promise<string | undefined> {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const r = spawnSync(process.execPath, [PCS, "status"], { env: { ...process.env, PCS_CONFIG_DIR: configDir }, encoding: "utf8" });
    const web = /\* web\s+\(ocf:heartbeat:Dummy\):\s+Started (\S+)/.exec(r.stdout ?? "");
    if (web && /Promoted: \[/.test(r.stdout)) return web[1];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}

async function main(): Promise<void> {
  // a closed terminal or pipe must still stop the agents
  process.stdout.on("error", () => shutdown(0));
  process.on("SIGHUP", () => shutdown(0));
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
  const password = randomBytes(12).toString("base64url");
  const ports = await Promise.all(NODES.map((n) => startAgent(n, password)));
  const step = (title: string, args: string[], quiet = false) => {
    process.stdout.write(`\n$ pcs ${args.map((a) => (a === password ? "<password>" : a)).join(" ")}\n`);
    if (pcs(args, quiet) !== 0) throw new Error(`'${title}' failed`);
  };
  step("host auth", ["host", "auth", ...NODES.flatMap((n, i) => [n, `addr=127.0.0.1:${ports[i]}`]), "-u", "hacluster", "-p", password]);
  step("cluster setup", ["cluster", "setup", "sandbox", ...NODES, "totem", "token=1000", "--start", "--wait=30"]);
  for (const args of SAMPLES) {
    process.stdout.write(`\n$ pcs ${args.join(" ")}\n`);
    const r = spawnSync(process.execPath, [PCS, ...args], { env: { ...process.env, PCS_CONFIG_DIR: configDir }, encoding: "utf8" });
    if (r.status === 0) process.stdout.write(r.stdout + r.stderr);
    else process.stdout.write(`(not applied: ${r.stderr.split("\n").find((l) => l.startsWith("Error:")) ?? "command not available in this build"})\n`);
  }
  const webNode = await waitForStarted();
  process.stdout.write("\n$ pcs status\n");
  if (pcs(["status"]) !== 0) pcs(["cluster", "status"]);
  const pcsPath = join(here, "..", "bin", "pcs");
  const breakIt = webNode
    ? `\nBreak a resource and watch the cluster recover it (the monitor notices within 5 s):\n\n` +
      `  rm ${join(root, webNode, "run", "resource-agents", "Dummy-web.state")}; watch -n1 ${pcsPath} status\n`
    : "";
  process.stdout.write(
    `\nThe sandbox cluster is running (state in ${root}).\nUse pcs against it from another shell:\n\n` +
      `  export PCS_CONFIG_DIR=${configDir}\n  ${pcsPath} status\n${breakIt}\nPress Ctrl-C to stop every agent of the sandbox.\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${(e as Error).message}\n`);
  shutdown(1);
});
