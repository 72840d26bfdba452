// bin/pcs from a "workstation" (a PCS_CONFIG_DIR of its own, the local backend off) driving a real
// single-node Corosync + Pacemaker through `pcs-agent --backend pacemaker` over SSH: `host auth`, then
// the live commands with no `cluster setup`; where the output is deterministic it is real pcs's on the
// same cluster. The cluster-lifecycle commands are refused, naming real pcs and pcsd.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsOutcome, ROOT, runPcs, type PcsResult } from "../helpers/cli";
import { pacemakerMissing, startRealPacemaker, SBIN, type RealPacemaker } from "../helpers/real-pacemaker";
import { connect } from "../../src/transport/client";

const missing = pacemakerMissing();
if (missing.length && process.env.CI === "true") {
  test("a real Pacemaker can run here", () => {
    throw new Error(`missing: ${missing.join(", ")} (install corosync and pacemaker, run as root)`);
  });
}
const describeReal = missing.length ? describe.skip : describe;

jest.setTimeout(180000);

const AGENT = join(ROOT, "bin", "pcs-agent");
const PASSWORD = "remote-secret";

let cluster: RealPacemaker;
let agent: ChildProcess | undefined;
let port = 0;
let agentLog = "";
let workstation: Record<string, string>;

const pcs = (...args: string[]): PcsResult => runPcs(args, { env: workstation });
const realPcs = (...args: string[]): PcsResult => {
  const r = spawnSync(join(SBIN, "pcs"), args, { encoding: "utf8", env: { ...process.env, ...cluster.env }, timeout: 60000 });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
};
const cib = (): string => spawnSync(join(SBIN, "cibadmin"), ["--local", "--query"], { encoding: "utf8", timeout: 10000 }).stdout;
const settle = () => spawnSync(join(SBIN, "crm_resource"), ["--wait", "--timeout=60"], { encoding: "utf8", timeout: 70000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** crm_mon's part of `pcs status`: the lines that do not change from one second to the next. */
const stableStatus = (text: string): string[] =>
  text
    .split("\n")
    .filter((l) => !/Last updated:|Last change:|^Status of pacemakerd|^Cluster name:/.test(l))
    .join("\n")
    .split("\nDaemon Status:")[0]
    .trimEnd()
    .split("\n");

const expectOk = (r: PcsResult) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}\nagent: ${agentLog.slice(-2000)}`);
};

const primitiveXml = (xml: string, id: string): string => {
  const m = new RegExp(`<primitive id="${id}"[\\s\\S]*?</primitive>`).exec(xml);
  return m ? m[0].split(id).join("RSC") : "";
};

function startAgent(stateDir: string): Promise<number> {
  const passwd = spawnSync(process.execPath, [AGENT, "--state-dir", stateDir, "passwd"], { input: `${PASSWORD}\n`, encoding: "utf8", timeout: 20000 });
  if (passwd.status !== 0) throw new Error(`passwd failed: ${passwd.stderr}`);
  const child = spawn(process.execPath, [AGENT, "--backend", "pacemaker", "--state-dir", stateDir, "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...cluster.env, PCS_LITE_NO_LOCAL_PACEMAKER: "" },
  });
  agent = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pcs-agent did not listen: ${agentLog}`)), 20000);
    child.stderr!.on("data", (d: Buffer) => {
      agentLog += d.toString();
      const m = /"event":"agent.listening"[^\n]*"port":(\d+)/.exec(agentLog);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`pcs-agent exited (${code}): ${agentLog}`)));
  });
}

describeReal("pcs through pcs-agent --backend pacemaker on a real Pacemaker node", () => {
  beforeAll(async () => {
    cluster = await startRealPacemaker();
    const stateDir = join(cluster.dir, "agent-state");
    const configDir = join(cluster.dir, "workstation");
    mkdirSync(configDir);
    port = await startAgent(stateDir);
    workstation = { PCS_CONFIG_DIR: configDir, PCS_LITE_NO_LOCAL_PACEMAKER: "1" };
  }, 150000);

  afterAll(async () => {
    if (agent && agent.exitCode === null) {
      const gone = new Promise((r) => agent!.once("exit", r));
      agent.kill("SIGTERM");
      await Promise.race([gone, sleep(5000)]);
      if (agent.exitCode === null) agent.kill("SIGKILL");
    }
    await cluster?.stop();
  }, 120000);

  test("hello reports the existing cluster: its name and crm_node's nodes", async () => {
    const link = await connect({ host: "127.0.0.1", port, username: "hacluster", password: PASSWORD, timeoutMs: 10000 });
    try {
      const hello = await link.call<{ backend: string; node: string; cluster: string; nodes: string[] }>("hello", {}, 10000);
      expect(hello).toMatchObject({ backend: "pacemaker", node: cluster.nodeName, cluster: cluster.clusterName, nodes: [cluster.nodeName] });
    } finally {
      link.close();
    }
  });

  test("host auth, then pcs status with no cluster setup: the node online, as real pcs shows it", () => {
    const auth = pcs("host", "auth", cluster.nodeName, `addr=127.0.0.1:${port}`, "-u", "hacluster", "-p", PASSWORD);
    expectOk(auth);
    expect(auth.stdout).toMatch(new RegExp(`^${cluster.nodeName}: Authorized \\(host key SHA256:`));
    const ours = pcs("status");
    expectOk(ours);
    expect(ours.stdout.split("\n")[0]).toBe(`Cluster name: ${cluster.clusterName}`);
    expect(ours.stdout).toContain(`  * Online: [ ${cluster.nodeName} ]`);
    expect(stableStatus(ours.stdout)).toEqual(stableStatus(realPcs("status").stdout));
  });

  test("property set over SSH lands in the live CIB", () => {
    expectOk(pcs("property", "set", "stonith-enabled=false"));
    expect(cib()).toContain('name="stonith-enabled" value="false"');
    expect(pcs("property", "config").stdout).toBe(realPcs("property", "config").stdout);
  });

  test("resource create over SSH: real pcs's operations, started by Pacemaker", () => {
    expectOk(pcs("resource", "create", "rmt-d1", "ocf:heartbeat:Dummy"));
    expectOk(realPcs("resource", "create", "rmt-ref", "ocf:heartbeat:Dummy", "--disabled"));
    const xml = cib();
    expect(primitiveXml(xml, "rmt-d1")).not.toBe("");
    expect(primitiveXml(xml, "rmt-d1")).toBe(primitiveXml(xml, "rmt-ref").replace(/\s*<meta_attributes[\s\S]*?<\/meta_attributes>/, ""));
    expectOk(pcs("resource", "delete", "rmt-ref"));
    settle();
    const status = pcs("status");
    expect(status.stdout).toContain(`  * rmt-d1\t(ocf:heartbeat:Dummy):\t Started ${cluster.nodeName}`);
    expect(stableStatus(status.stdout)).toEqual(stableStatus(realPcs("status").stdout));
  });

  test("disable --wait and enable --wait wait for Pacemaker over SSH", () => {
    const off = pcs("resource", "disable", "rmt-d1", "--wait=60");
    expectOk(off);
    expect(off.stdout + off.stderr).toContain("resource 'rmt-d1' is not running on any node");
    const on = pcs("resource", "enable", "rmt-d1", "--wait=60");
    expectOk(on);
    expect(on.stdout + on.stderr).toContain(`resource 'rmt-d1' is running on node '${cluster.nodeName}'`);
  });

  test("resource cleanup after a failure, over SSH, through crm_resource on the node", async () => {
    settle();
    const state = "/run/resource-agents/Dummy-rmt-d1.state";
    expect(existsSync(state)).toBe(true);
    rmSync(state);
    const deadline = Date.now() + 60000;
    let counts = pcs("resource", "failcount", "show", "rmt-d1");
    while (!counts.stdout.includes(`${cluster.nodeName}: 1`) && Date.now() < deadline) {
      await sleep(500);
      counts = pcs("resource", "failcount", "show", "rmt-d1");
    }
    expect(counts.stdout).toBe(realPcs("resource", "failcount", "show", "rmt-d1").stdout);
    const cleanup = pcs("resource", "cleanup", "rmt-d1");
    expectOk(cleanup);
    expect(pcs("resource", "failcount", "show", "rmt-d1").stdout).toBe("No failcounts for resource 'rmt-d1'\n");
    expect(cib()).not.toContain("fail-count-rmt-d1");
  });

  test("concurrent changes over SSH are retried, none is lost", async () => {
    const run = (name: string) => pcsOutcome(["resource", "meta", "rmt-d1", `${name}=1`], workstation);
    const names = Array.from({ length: 5 }, (_, i) => `rmt-note-${i}`);
    expect(await Promise.all(names.map(run))).toEqual(names.map(() => "exit 0"));
    const xml = cib();
    for (const name of names) expect(xml).toContain(`name="${name}" value="1"`);
  });

  test("the CIB manager's refusal comes back as pcs's error, nothing applied", () => {
    const bad = join(cluster.dir, "bad-cib.xml");
    writeFileSync(bad, cib().replace("<resources>", '<resources><no-such-element id="x"/>'));
    const r = pcs("cluster", "cib-push", bad, "--config");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(cib()).not.toContain("no-such-element");
  });

  test("resource delete stops the running resource first, as real pcs", () => {
    settle();
    const ours = pcs("resource", "delete", "rmt-d1");
    expect({ code: ours.code, stdout: ours.stdout, stderr: ours.stderr }).toEqual({ code: 0, stdout: "", stderr: "Attempting to stop: rmt-d1... Stopped\n" });
    expect(cib()).not.toContain('<primitive id="rmt-d1"');
  });

  test("cluster setup against a Pacemaker node is refused, naming real pcs and pcsd", () => {
    const plain = pcs("cluster", "setup", "other", cluster.nodeName);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`Error: ${cluster.nodeName}: The host seems to be in a cluster already, use --force to override`);
    const forced = pcs("cluster", "setup", "other", cluster.nodeName, "--force");
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain(`Error: ${cluster.nodeName}: the node runs Pacemaker (cluster '${cluster.clusterName}')`);
    expect(forced.stderr).toContain("use real pcs with pcsd");
    expect(cib()).not.toContain('value="other"');
  });
});
