// A fence_pcslite in front of the real one, in the run's own fence directory: it runs the built agent
// with the same arguments and stdin and appends each call (options, exit code, stdout, stderr, timing) to
// <run dir>/fence.log. Pacemaker's fencer keeps no agent output of a successful action (a reboot whose
// power-on failed says so only on stderr), and the harness wants to show what fencing did.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const wrapper = (realAgent, logFile) => `#!/usr/bin/env node
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
const started = Date.now();
const input = [];
for await (const chunk of process.stdin) input.push(chunk);
const stdin = Buffer.concat(input).toString();
const child = spawn(${JSON.stringify(realAgent)}, process.argv.slice(2), { stdio: ["pipe", "pipe", "pipe"] });
let out = "";
let err = "";
child.stdout.on("data", (d) => { out += d; process.stdout.write(d); });
child.stderr.on("data", (d) => { err += d; process.stderr.write(d); });
child.stdin.end(stdin);
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => child.kill(sig));
child.on("close", (code, signal) => {
  const options = stdin.split("\\n").filter((l) => /^(action|plug|port|nodename)=/.test(l)).join(" ");
  // metadata is long and always the same: a few lines of any output are enough
  const text = (s) => s.trim().split("\\n").filter(Boolean).slice(0, 4).map((l) => "    " + l).join("\\n");
  const head = new Date(started).toISOString() + " " + (options || process.argv.slice(2).join(" ")) + " -> " + (signal ?? code) + " in " + (Date.now() - started) + " ms";
  appendFileSync(${JSON.stringify(logFile)}, [head, text(out), text(err)].filter(Boolean).join("\\n") + "\\n");
  process.exit(code ?? 1);
});
`;

/** The run's fence directory (for PCS_LITE_FENCE_DIR) with the logging fence_pcslite. */
export function makeFenceDir(root, realFenceDir) {
  const dir = join(root, "fence");
  mkdirSync(dir, { recursive: true });
  const agent = join(dir, "fence_pcslite");
  writeFileSync(agent, wrapper(join(realFenceDir, "fence_pcslite"), join(root, "fence.log")));
  chmodSync(agent, 0o755);
  return dir;
}
