// Fixtures for the executor tests: a temporary OCF_ROOT with the tests' own shell agents, an
// in-memory attribute service, and the shims run from the TypeScript sources through esbuild.
import { buildSync } from "esbuild";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ExecRequest, ExecResult } from "../../src/agents/exec";
import { createExecutor, type AttributeService, type Executor } from "../../src/cluster/executor";

export const ROOT = resolve(__dirname, "../..");
export const INSTALLED_OCF = "/usr/lib/ocf";
export const DUMMY = join(INSTALLED_OCF, "resource.d/heartbeat/Dummy");
export const STATEFUL = join(INSTALLED_OCF, "resource.d/pacemaker/Stateful");

/** Tests of the installed agents run when they are there, and fail (never skip) under CI. */
export const withInstalledAgents = existsSync(DUMMY) && existsSync(STATEFUL) ? test : process.env.CI ? test : test.skip;

export function tempDir(prefix = "pcsx-"): string {
  // short: Unix socket paths are limited to about 100 bytes
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeAgent(ocfRoot: string, type: string, body: string): string {
  const dir = join(ocfRoot, "resource.d", "test");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, type);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

export function request(type: string, action: string, extra: Partial<ExecRequest> = {}): ExecRequest {
  return { rscId: "r1", agent: { class: "ocf", provider: "test", type }, action, timeoutMs: 10000, params: {}, ...extra };
}

export interface AttributeCall {
  node: string;
  name: string;
  value?: string;
  lifetime: "reboot" | "forever";
}

/** A real AttributeService kept in memory: what the cluster's attrd and CIB would hold. */
export function memoryAttributes(local: string, nodes = [{ name: local, id: "1", member: true }]) {
  const values = new Map<string, string>();
  const updates: AttributeCall[] = [];
  const key = (r: { node: string; name: string; lifetime: string }) => `${r.lifetime}\0${r.node}\0${r.name}`;
  const service: AttributeService = {
    async update(r) {
      updates.push({ ...r });
      if (r.value === undefined) values.delete(key(r));
      else values.set(key(r), r.value);
    },
    async query(r) {
      return values.get(key(r));
    },
    async nodes() {
      return nodes.map((n) => ({ ...n }));
    },
    localName: () => local,
  };
  return { service, updates, get: (node: string, name: string, lifetime: "reboot" | "forever" = "reboot") => values.get(`${lifetime}\0${node}\0${name}`) };
}

let launcher: string | undefined;

/** [node, script] that runs `shim <tool> args` from the sources (what dist/pcs-agent.js does). */
export function shimCommand(): string[] {
  if (!launcher) {
    const dir = tempDir("pcsx-shim-");
    launcher = join(dir, "shim.mjs");
    buildSync({
      stdin: {
        contents: `import { runShim } from "./src/cluster/executor/shim-main.ts";\nrunShim(process.argv.slice(3)).then((c) => process.exit(c));\n`,
        resolveDir: ROOT,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: launcher,
      logLevel: "error",
    });
  }
  return [process.execPath, launcher];
}

export interface TestExecutor {
  executor: Executor;
  stateDir: string;
  sbinDir: string;
  reports: { req: ExecRequest; result: ExecResult }[];
  events: { event: string; data: object }[];
}

export function startExecutor(o: { nodeName?: string; ocfRoot?: string; attributes?: AttributeService; stateDir?: string } = {}): TestExecutor {
  const nodeName = o.nodeName ?? "node1";
  const stateDir = o.stateDir ?? tempDir();
  const sbinDir = join(stateDir, "sbin");
  const reports: TestExecutor["reports"] = [];
  const events: TestExecutor["events"] = [];
  const executor = createExecutor({
    nodeName,
    stateDir,
    ocfRoot: o.ocfRoot,
    sbinDir,
    attributes: o.attributes ?? memoryAttributes(nodeName).service,
    onRecurringResult: (req, result) => reports.push({ req, result }),
    log: (event, data) => events.push({ event, data }),
    shimCommand: shimCommand(),
  });
  return { executor, stateDir, sbinDir, reports, events };
}

/** Whether a process still runs (a zombie does not: in containers PID 1 may never reap it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readText(`/proc/${pid}/stat`);
  return !/^\d+ \(.*\) Z/.test(stat);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

export const readText = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
export const remove = (path: string) => rmSync(path, { recursive: true, force: true });

/** NUL-separated `env -0` output as a map. */
export function parseEnv0(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of text.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}
