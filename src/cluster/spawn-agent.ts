// Start a pcs-agent process on loopback and learn its port from its "agent.listening" log line
// (the sandbox and the tests start agents this way).
import { spawn, type ChildProcess } from "node:child_process";

export interface SpawnedAgent {
  child: ChildProcess;
  /** The port it listens on, once it does; rejected if it exits first. */
  listening: Promise<number>;
}

/** `agentPath` is the pcs-agent program (run with this node); `onLog` sees its stderr (structured logs). */
export function spawnAgent(
  agentPath: string,
  stateDir: string,
  { port = 0, onLog, env }: { port?: number; onLog?: (chunk: Buffer) => void; env?: NodeJS.ProcessEnv } = {},
): SpawnedAgent {
  const child = spawn(process.execPath, [agentPath, "--state-dir", stateDir, "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"], env: env ?? process.env });
  const listening = new Promise<number>((resolve, reject) => {
    let buffer = "";
    let found = false;
    child.stderr!.on("data", (d: Buffer) => {
      onLog?.(d);
      if (found) return;
      buffer += d.toString();
      const m = /"event":"agent.listening"[^\n]*"port":(\d+)/.exec(buffer);
      if (m) {
        found = true;
        buffer = "";
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`pcs-agent exited (${code}) before listening: ${buffer}`)));
  });
  return { child, listening };
}
