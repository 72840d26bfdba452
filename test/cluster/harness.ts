// Start pcs-agents on free loopback ports with temporary state, run the built pcs against them,
// and stop exactly the processes we started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { spawnAgent } from "../../src/cluster/spawn-agent";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PCS, ROOT } from "../helpers/cli";

export const AGENT = join(ROOT, "bin", "pcs-agent");

export interface AgentProcess {
  name: string;
  dir: string;
  port: number;
  child: ChildProcess;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function startAgent(name: string, dir: string, port = 0, env?: NodeJS.ProcessEnv): Promise<AgentProcess> {
  const { child, listening } = spawnAgent(AGENT, dir, { port, env });
  return { name, dir, port: await listening, child };
}

export function stopAgent(agent: AgentProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (agent.child.exitCode !== null || agent.child.signalCode !== null) return resolve();
    agent.child.removeAllListeners("exit");
    agent.child.once("exit", () => resolve());
    agent.child.kill(signal);
  });
}

export function setPassword(dir: string, password: string): void {
  const r = spawnSync(process.execPath, [AGENT, "--state-dir", dir, "passwd"], { input: password + "\n" });
  if (r.status !== 0) throw new Error(`passwd failed: ${r.stderr}`);
}

export function pcsAsync(configDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PCS, ...args], { env: { ...process.env, PCS_CONFIG_DIR: configDir }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function tempRoot(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pcs-lite-cluster-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
