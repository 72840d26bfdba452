// dist/fence/fence_pcslite run as Pacemaker's fencer runs a fence agent (options as key=value lines
// on stdin), against fake nodes (a small node script that listens where its agent.json says) and
// against a real pcs-agent; compared with fence-agents' fence_dummy where the protocol is shared.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { SaxesParser } from "saxes";
import { ROOT, haveTool, runPcs, tempDir } from "../helpers/cli";
import { setPassword, startAgent } from "../cluster/harness";
import { executorPaths } from "../../src/cluster/executor/index";
import { resourceAgentTmp } from "../../src/fence-agent/node";
import { isAlive } from "../../src/fence-agent/processes";

const FENCE = join(ROOT, "dist", "fence", "fence_pcslite");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

const stdinOf = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([k, v]) => `${k}=${v}\n`)
    .join("");

/** fence_pcslite with its options on stdin, as the fencer runs it. */
const fence = (options: Record<string, string>, env?: NodeJS.ProcessEnv) => run(FENCE, [], stdinOf(options), env);

/** A stand-in for pcs-agent: listens on its --listen port and writes agent.json as pcs-agent does. */
const FAKE_AGENT = `const net = require("node:net");
const fs = require("node:fs");
const args = process.argv.slice(2);
const dir = args[args.indexOf("--state-dir") + 1];
const listen = args[args.indexOf("--listen") + 1];
const cut = listen.lastIndexOf(":");
const server = net.createServer((socket) => socket.destroy());
server.listen(Number(listen.slice(cut + 1)), listen.slice(0, cut), () => {
  const record = { pid: process.pid, node: process.execPath, argv: process.argv.slice(1), listen, started: Date.now(), env: { PCS_LITE_TEST_MARK: "restarted-env" } };
  fs.writeFileSync(dir + "/agent.json", JSON.stringify(record));
});
setInterval(() => {}, 1000);
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const recordOf = (dir: string) => JSON.parse(readFileSync(join(dir, "agent.json"), "utf8")) as { pid: number; argv: string[]; listen: string; node: string; started: number; env?: Record<string, string> };
const environOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");

/** Every process a test started (or had fence_pcslite start), killed by pid at the end. */
const started = new Set<number>();
const children: ChildProcess[] = [];

function track(child: ChildProcess): ChildProcess {
  if (child.pid) started.add(child.pid);
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode ?? child.exitCode);
    child.once("exit", (code, sig) => resolve(sig ?? code));
  });

const { dir: tmp, cleanup } = tempDir("pcs-lite-fence-");
const fakeScript = join(tmp, "fake-agent.cjs");

beforeAll(() => {
  if (!existsSync(FENCE)) throw new Error(`${FENCE} is missing: run node scripts/build.mjs first`);
  writeFileSync(fakeScript, FAKE_AGENT);
});

afterAll(async () => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
  await until(() => [...started].every((p) => !isAlive(p)), 5000, "the test's processes to end");
  cleanup();
});

let rootCount = 0;
/** A state root with one fake node "node1" running and a resource agent process of it. */
async function fakeCluster(): Promise<{ root: string; dir: string; port: number; agent: ChildProcess; rsc: ChildProcess }> {
  const root = join(tmp, `root${rootCount++}`);
  const dir = join(root, "node1");
  mkdirSync(resourceAgentTmp(dir), { recursive: true });
  const port = await freePort();
  const agent = track(spawn(process.execPath, [fakeScript, "--state-dir", dir, "--listen", `127.0.0.1:${port}`], { stdio: "ignore" }));
  await until(() => existsSync(join(dir, "agent.json")) && recordOf(dir).pid === agent.pid, 5000, "the fake agent to listen");
  // as the executor starts resource agents: own process group, HA_RSCTMP of the node
  const rsc = track(spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore", env: { ...process.env, HA_RSCTMP: resourceAgentTmp(dir) } }));
  writeFileSync(join(resourceAgentTmp(dir), "Dummy-web.state"), "");
  return { root, dir, port, agent, rsc };
}

test("the resource agents' directory is the executor's HA_RSCTMP", () => {
  expect(resourceAgentTmp("/x/node1")).toBe(executorPaths("/x/node1").rscTmp);
});

describe("metadata", () => {
  test("is well-formed XML in fence-agents' shape", async () => {
    const r = await run(FENCE, ["-o", "metadata"], "");
    expect(r.code).toBe(0);
    const parameters: Record<string, Record<string, string>> = {};
    const contents: Record<string, Record<string, string>> = {};
    const actions: Record<string, Record<string, string>> = {};
    let root = "";
    let current = "";
    const parser = new SaxesParser();
    parser.on("opentag", (tag) => {
      const attrs = tag.attributes as Record<string, string>;
      if (tag.name === "resource-agent") root = attrs.name;
      if (tag.name === "parameter") parameters[(current = attrs.name)] = attrs;
      if (tag.name === "content") contents[current] = attrs;
      if (tag.name === "action") actions[attrs.name] = attrs;
    });
    parser.write(r.stdout).close();
    expect(root).toBe("fence_pcslite");
    expect(parameters.action).toMatchObject({ required: "1" });
    expect(contents.action).toMatchObject({ type: "string", default: "reboot" });
    expect(parameters.plug).toMatchObject({ required: "1", obsoletes: "port" });
    expect(parameters.port).toMatchObject({ deprecated: "1" });
    expect(parameters.state_root).toMatchObject({ required: "1" });
    expect(parameters.restart).toMatchObject({ required: "0" });
    expect(contents.restart).toMatchObject({ type: "boolean", default: "1" });
    expect(Object.keys(actions).sort()).toEqual(["list", "metadata", "monitor", "off", "on", "reboot", "status", "validate-all"]);
    expect(actions.on).toMatchObject({ automatic: "0" });
  });

  test("pcs reads it from PCS_LITE_FENCE_DIR: stonith create is accepted, state_root is required", () => {
    const { dir, cleanup: done } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      const env = { PCS_LITE_FENCE_DIR: dirname(FENCE) };
      const ok = runPcs(["-f", file, "stonith", "create", "x", "fence_pcslite", `state_root=${dir}`, "pcmk_host_list=node1 node2 node3"], { env });
      expect(ok.stderr).toBe("");
      expect(ok.code).toBe(0);
      expect(readFileSync(file, "utf8")).toMatch(/<primitive id="x" class="stonith" type="fence_pcslite">/);
      const missing = runPcs(["-f", file, "stonith", "create", "y", "fence_pcslite"], { env });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("required stonith option 'state_root' is missing");
    } finally {
      done();
    }
  });
});

describe("off, status, on, reboot on a fake node", () => {
  test("off kills the agent and its resource agents; status says off; on starts it again", async () => {
    const { root, dir, port, agent, rsc } = await fakeCluster();
    const opts = { state_root: root, port: "node1", nodename: "node1" };
    const on = await fence({ ...opts, action: "status" });
    expect(on).toMatchObject({ code: 0, stdout: "Status: ON\n", stderr: "" });

    const off = await fence({ ...opts, action: "off" });
    expect(off).toMatchObject({ code: 0, stdout: "Success: Powered OFF\n" });
    expect(await exited(agent)).toBe("SIGKILL");
    expect(await exited(rsc)).toBe("SIGKILL");
    // a power cut loses /run
    expect(existsSync(join(resourceAgentTmp(dir), "Dummy-web.state"))).toBe(false);
    expect(await fence({ ...opts, action: "status" })).toMatchObject({ code: 2, stdout: "Status: OFF\n" });
    expect(await fence({ ...opts, action: "off" })).toMatchObject({ code: 0, stdout: "Success: Already OFF\n" });

    // whoever runs the fence agent, the node gets its own variables, never a resource agent's
    const powered = await fence({ ...opts, action: "on" }, { ...process.env, HA_RSCTMP: "/elsewhere", PCS_LITE_TEST_MARK: "fencer-env" });
    expect(powered).toMatchObject({ code: 0, stdout: "Success: Powered ON\n" });
    const again = recordOf(dir);
    started.add(again.pid);
    expect(again.pid).not.toBe(agent.pid);
    expect(again.listen).toBe(`127.0.0.1:${port}`);
    expect(environOf(again.pid)).toContain("PCS_LITE_TEST_MARK=restarted-env");
    expect(environOf(again.pid).some((v) => v.startsWith("HA_RSCTMP="))).toBe(false);
    expect(await fence({ ...opts, action: "status" })).toMatchObject({ code: 0, stdout: "Status: ON\n" });
    expect(await fence({ ...opts, action: "on" })).toMatchObject({ code: 0, stdout: "Success: Already ON\n" });
    expect(readFileSync(join(root, "node1.log"), "utf8")).toBe("");

    const reboot = await fence({ ...opts, action: "reboot" });
    expect(reboot).toMatchObject({ code: 0, stdout: "Success: Rebooted\n" });
    const third = recordOf(dir);
    started.add(third.pid);
    expect(isAlive(again.pid)).toBe(false);
    expect(third.pid).not.toBe(again.pid);
    expect(isAlive(third.pid)).toBe(true);
  });

  test("restart=false: reboot leaves the node off, on refuses", async () => {
    const { root, agent } = await fakeCluster();
    const opts = { state_root: root, plug: "node1", restart: "false" };
    expect(await fence({ ...opts, action: "reboot" })).toMatchObject({ code: 0, stdout: "Success: Rebooted\n" });
    expect(await exited(agent)).toBe("SIGKILL");
    expect(await fence({ ...opts, action: "status" })).toMatchObject({ code: 2 });
    const refused = await fence({ ...opts, action: "on" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("restart is false");
  });

  test("a reused pid is not the node: status off, off does not kill it", async () => {
    const { root, dir, agent } = await fakeCluster();
    const stranger = track(spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }));
    const record = recordOf(dir);
    agent.kill("SIGKILL");
    await exited(agent);
    writeFileSync(join(dir, "agent.json"), JSON.stringify({ ...record, pid: stranger.pid }));
    const opts = { state_root: root, port: "node1" };
    expect(await fence({ ...opts, action: "status" })).toMatchObject({ code: 2 });
    expect(await fence({ ...opts, action: "off" })).toMatchObject({ code: 0, stdout: "Success: Already OFF\n" });
    expect(isAlive(stranger.pid!)).toBe(true);
    stranger.kill("SIGKILL");
  });

  test("on refuses when another process holds the node's port", async () => {
    const { root, agent } = await fakeCluster();
    const { dir } = { dir: join(root, "node1") };
    const record = recordOf(dir);
    agent.kill("SIGKILL");
    await exited(agent);
    const [host, port] = [record.listen.slice(0, record.listen.lastIndexOf(":")), Number(record.listen.slice(record.listen.lastIndexOf(":") + 1))];
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(port, host, () => r()));
    try {
      const r = await fence({ state_root: root, port: "node1", action: "on" });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("is in use by another process");
    } finally {
      squatter.close();
    }
  });
});

describe("list, monitor, validate-all, errors", () => {
  test("list prints one 'name,' line per node directory", async () => {
    const root = join(tmp, "list");
    for (const [node, file] of [["node2", "cib.xml"], ["node1", "agent.json"], ["config", "known-hosts"]]) {
      mkdirSync(join(root, node), { recursive: true });
      writeFileSync(join(root, node, file), "{}");
    }
    expect(await fence({ action: "list", state_root: root })).toMatchObject({ code: 0, stdout: "node1,\nnode2,\n", stderr: "" });
    expect(await fence({ action: "monitor", state_root: root })).toMatchObject({ code: 0, stdout: "" });
    const gone = await fence({ action: "monitor", state_root: join(root, "missing") });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("is not a directory");
    expect(await fence({ action: "validate-all", state_root: root, port: "node1" })).toMatchObject({ code: 0 });
    expect((await fence({ action: "validate-all" })).code).toBe(1);
    const unknownPlug = await fence({ action: "status", state_root: root, port: "node9" });
    expect(unknownPlug.code).toBe(1);
    expect(unknownPlug.stderr).toContain("plug is not available");
    expect((await fence({ action: "status", state_root: root, port: "../list" })).code).toBe(1);
    const noPlug = await fence({ action: "off", state_root: root });
    expect(noPlug.code).toBe(1);
    expect(noPlug.stderr).toContain("You have to enter plug number or machine identification");
    const badAction = await fence({ action: "explode", state_root: root, port: "node1" });
    expect(badAction.code).toBe(1);
    expect(badAction.stderr).toContain("Unrecognised action 'explode'");
  });

  test("unknown options: ignored with a warning on stdin, refused on the command line, as fencing.py does", async () => {
    const root = join(tmp, "options");
    mkdirSync(join(root, "node1"), { recursive: true });
    const ours = await run(FENCE, [], `action=status\nport=node1\nstate_root=${root}\nbogus=1\nnodename=node1\n# a comment\n\n`);
    expect(ours.code).toBe(2);
    expect(ours.stdout).toBe("Status: OFF\n");
    expect(ours.stderr).toContain("Parse error: Ignoring unknown option 'bogus=1'");
    expect(ours.stderr).not.toContain("nodename");
    const cmdline = await run(FENCE, ["-o", "status", "--bogus"], "");
    expect(cmdline.code).toBe(1);
    expect(cmdline.stderr).toContain("Parse error: option --bogus not recognized");
    // the command line works like stdin: -n/--plug, --port, --state-root, --action=
    expect(await run(FENCE, ["--action=status", "-n", "node1", `--state-root=${root}`], "")).toMatchObject({ code: 2, stdout: "Status: OFF\n" });
    expect(await run(FENCE, ["-ostatus", "--port", "node1", "--state-root", root], "")).toMatchObject({ code: 2 });
    if (haveTool("fence_dummy")) {
      const status = join(tmp, "dummy.status");
      writeFileSync(status, "off");
      const theirs = await run("fence_dummy", [], `action=status\nstatus_file=${status}\nbogus=1\nnodename=node1\n# a comment\n\n`);
      expect(theirs.code).toBe(ours.code);
      expect(theirs.stdout).toBe(ours.stdout);
      expect(theirs.stderr).toContain("Parse error: Ignoring unknown option 'bogus=1'");
      expect(theirs.stderr).not.toContain("nodename");
      expect((await run("fence_dummy", ["-o", "status", "--bogus"], "")).code).toBe(cmdline.code);
    }
  });
});

test("a real pcs-agent: agent.json, off, on again on the same port, removed on a clean stop", async () => {
  const root = join(tmp, "real");
  const dir = join(root, "node1");
  setPassword(dir, "secret");
  const agent = await startAgent("node1", dir, 0);
  track(agent.child);
  const record = recordOf(dir);
  expect(record).toMatchObject({ pid: agent.child.pid, node: process.execPath, listen: `127.0.0.1:${agent.port}` });
  expect(record.argv).toEqual([join(ROOT, "bin", "pcs-agent"), "--state-dir", dir, "--listen", `127.0.0.1:${agent.port}`]);
  expect(Math.abs(record.started - Date.now())).toBeLessThan(60000);

  expect(await fence({ action: "off", state_root: root, port: "node1" })).toMatchObject({ code: 0, stdout: "Success: Powered OFF\n" });
  expect(await exited(agent.child)).toBe("SIGKILL");
  expect(await fence({ action: "on", state_root: root, port: "node1" })).toMatchObject({ code: 0, stdout: "Success: Powered ON\n" });
  const again = recordOf(dir);
  started.add(again.pid);
  expect(again.pid).not.toBe(record.pid);
  expect(again.listen).toBe(record.listen);
  expect(await fence({ action: "status", state_root: root, port: "node1" })).toMatchObject({ code: 0 });
  expect(readFileSync(join(root, "node1.log"), "utf8")).toContain('"event":"agent.listening"');

  process.kill(again.pid, "SIGTERM");
  await until(() => !isAlive(again.pid), 10000, "the restarted agent to stop");
  expect(existsSync(join(dir, "agent.json"))).toBe(false);
  expect(await fence({ action: "status", state_root: root, port: "node1" })).toMatchObject({ code: 2 });
});
