// The `npm start` sandbox (the built dist/sandbox.js): --base-port puts the agents on fixed ports and
// refuses a taken one; Ctrl-C, and the end of the npm that started it (which runs it through a
// shell that keeps npm's forwarded signals to itself), stop every agent and multiplexer it started.
// npm itself is stood in for by a small program called npm that runs the sandbox as npm does, so
// that the test does not rebuild dist/ under the other tests' feet.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/cli";
import { waitFor } from "../cluster/harness";

jest.setTimeout(180000);

const SANDBOX = join(ROOT, "dist", "sandbox.js");

/** Runs its arguments as npm runs a script: `sh -c` with npm_lifecycle_event set, signals forwarded to the shell. */
const FAKE_NPM = `
const { spawn } = require("node:child_process");
const child = spawn("sh", ["-c", process.argv.slice(2).join(" ")], { stdio: "inherit", env: { ...process.env, npm_lifecycle_event: "start" } });
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => child.kill(s));
child.on("exit", (code) => process.exit(code ?? 1));
`;

const listen = (port: number): Promise<Server | undefined> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(undefined));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => resolve(server));
  });

/** A base port with the three ports from it free now. */
async function freeBasePort(): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 40000);
    const servers = await Promise.all([0, 1, 2].map((i) => listen(base + i)));
    await Promise.all(servers.map((s) => new Promise((r) => (s ? s.close(r) : r(undefined)))));
    if (servers.every(Boolean)) return base;
  }
}

function environment(pid: number): Record<string, string> {
  try {
    return Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .filter(Boolean)
        .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
    );
  } catch {
    return {};
  }
}

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
};

const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

const pids = () => readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);

interface Sandbox {
  npm: ChildProcess;
  output: () => string;
  root: string;
  /** the sandbox process, the agents, the multiplexers of its configuration */
  processes: () => { sandbox: number[]; agents: number[]; muxes: number[] };
}

/** Starts the sandbox under the stand-in npm (in its own process group, as a terminal's job) and waits until it runs. */
async function startSandbox(dir: string, basePort: number): Promise<Sandbox> {
  const npm = join(dir, "npm");
  writeFileSync(npm, FAKE_NPM);
  chmodSync(npm, 0o755);
  const child = spawn(process.execPath, [npm, "node", "-e", "0", "&&", "node", SANDBOX, "--base-port", String(basePort)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await waitFor(() => output.includes("Press Ctrl-C") || child.exitCode !== null, 120000, `the sandbox to start:\n${output}`);
  const root = /state in (\S+?)\)/.exec(output)?.[1];
  if (!root) throw new Error(`the sandbox did not start:\n${output}`);
  const config = join(root, "config");
  const processes = () => {
    const all = pids();
    return {
      // not the stand-in npm nor its shell, whose command lines name the sandbox too
      sandbox: all.filter((p) => commandLine(p).split(" ").slice(1, 4).join(" ") === `${SANDBOX} --base-port ${basePort}` && alive(p)),
      agents: all.filter((p) => commandLine(p).includes(`--state-dir ${root}/`) && alive(p)),
      muxes: all.filter((p) => commandLine(p).startsWith("pcs-lite-mux") && environment(p).PCS_CONFIG_DIR === config && alive(p)),
    };
  };
  return { npm: child, output: () => output, root, processes };
}

describe("the sandbox", () => {
  const dir = mkdtempSync(join(tmpdir(), "pcs-lite-sandbox-test-"));
  const started: Sandbox[] = [];

  afterAll(() => {
    // whatever a failed test left behind
    for (const s of started) {
      const { sandbox, agents, muxes } = s.processes();
      for (const pid of [...sandbox, ...agents, ...muxes]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
      rmSync(s.root, { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a taken port, saying which", async () => {
    const base = await freeBasePort();
    const taken = await listen(base + 1);
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [SANDBOX, "--base-port", String(base)], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (code) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`sandbox: port ${base + 1} (for node2) is already in use on 127.0.0.1: choose another --base-port, or none\n`);
      expect(pids().filter((p) => commandLine(p).includes(`--listen 127.0.0.1:${base}`))).toEqual([]);
    } finally {
      taken?.close();
    }
  });

  it("refuses a base port without room for three nodes", async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [SANDBOX, "--base-port=65534"], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sandbox: '65534' is not a valid --base-port: use a port from 1 to 65533\nUsage: npm start/);
  });

  it("runs on the ports asked for; Ctrl-C stops every agent and multiplexer", async () => {
    const base = await freeBasePort();
    const s = await startSandbox(dir, base);
    started.push(s);
    const hosts = JSON.parse(readFileSync(join(s.root, "config", "known-hosts.json"), "utf8")) as Record<string, { port: number }>;
    expect(Object.fromEntries(Object.entries(hosts).map(([n, h]) => [n, h.port]))).toEqual({ node1: base, node2: base + 1, node3: base + 2 });
    expect(s.output()).toContain(`node1 port ${base}, node2 port ${base + 1}, node3 port ${base + 2}`);
    const before = s.processes();
    expect(before.sandbox).toHaveLength(1);
    expect(before.agents).toHaveLength(3);
    await waitFor(() => s.processes().muxes.length > 0, 10000, "a multiplexer");
    // Ctrl-C: the terminal signals the whole foreground job (npm, its shell, the sandbox, the agents)
    process.kill(-s.npm.pid!, "SIGINT");
    await waitFor(() => Object.values(s.processes()).every((p) => p.length === 0), 15000, "every process of the sandbox to end");
    expect(existsSync(s.root)).toBe(false);
  });

  it("stops everything when npm alone is told to stop (its shell goes, the sandbox is orphaned)", async () => {
    const base = await freeBasePort();
    const s = await startSandbox(dir, base);
    started.push(s);
    expect(s.processes().agents).toHaveLength(3);
    s.npm.kill("SIGTERM");
    await waitFor(() => Object.values(s.processes()).every((p) => p.length === 0), 15000, "every process of the sandbox to end");
    expect(existsSync(s.root)).toBe(false);
  });

  it("stops everything when the npm that started it is killed", async () => {
    const base = await freeBasePort();
    const s = await startSandbox(dir, base);
    started.push(s);
    expect(s.processes().agents).toHaveLength(3);
    // the shell npm ran the sandbox through stays, so the sandbox's parent does not change
    s.npm.kill("SIGKILL");
    await waitFor(() => Object.values(s.processes()).every((p) => p.length === 0), 15000, "every process of the sandbox to end");
    expect(existsSync(s.root)).toBe(false);
  });
});
