// bin/pcs on a host running a real Corosync + Pacemaker (one single-node cluster started for the whole
// file): the live commands reach it through cibadmin, crm_resource and stonith_admin, and where the
// output is deterministic it is real pcs's on the same cluster.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsOutcome, runPcs, type PcsResult } from "../helpers/cli";
import { pacemakerMissing, startRealPacemaker, SBIN, type RealPacemaker } from "../helpers/real-pacemaker";

const missing = pacemakerMissing();
if (missing.length && process.env.CI === "true") {
  test("a real Pacemaker can run here", () => {
    throw new Error(`missing: ${missing.join(", ")} (install corosync and pacemaker, run as root)`);
  });
}
const describeReal = missing.length ? describe.skip : describe;

jest.setTimeout(180000);

let cluster: RealPacemaker;
const pcs = (...args: string[]): PcsResult => runPcs(args, { env: cluster.env });
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
  if (r.code !== 0) throw new Error(`exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
};

/** A primitive's XML with its id replaced, to compare what two pcs made. */
const primitiveXml = (xml: string, id: string): string => {
  const m = new RegExp(`<primitive id="${id}"[\\s\\S]*?</primitive>`).exec(xml);
  return m ? m[0].split(id).join("RSC") : "";
};

describeReal("pcs on a host running a real Pacemaker", () => {
  beforeAll(async () => {
    cluster = await startRealPacemaker();
  }, 150000);

  afterAll(async () => {
    await cluster?.stop();
  }, 120000);

  test("pcs status shows the node online, as real pcs does", () => {
    const ours = pcs("status");
    expectOk(ours);
    expect(ours.stdout).toContain(`  * Online: [ ${cluster.nodeName} ]`);
    expect(ours.stdout).toContain(`  * Current DC: ${cluster.nodeName} (version `);
    expect(ours.stdout.split("\n")[0]).toBe(`Cluster name: ${cluster.clusterName}`);
    expect(stableStatus(ours.stdout)).toEqual(stableStatus(realPcs("status").stdout));
  });

  test("property set goes into the live CIB; property config as real pcs", () => {
    expectOk(pcs("property", "set", "stonith-enabled=false"));
    expect(cib()).toContain('name="stonith-enabled" value="false"');
    const ours = pcs("property", "config");
    expect(ours.stdout).toBe(realPcs("property", "config").stdout);
    expect(ours.code).toBe(0);
  });

  test("resource create: pcs's operations from the agent's metadata, started by Pacemaker", () => {
    const ours = pcs("resource", "create", "pmk-d1", "ocf:heartbeat:Dummy");
    expectOk(ours);
    expectOk(realPcs("resource", "create", "pmk-ref", "ocf:heartbeat:Dummy"));
    const xml = cib();
    expect(primitiveXml(xml, "pmk-d1")).not.toBe("");
    expect(primitiveXml(xml, "pmk-d1")).toBe(primitiveXml(xml, "pmk-ref"));
    expectOk(pcs("resource", "delete", "pmk-ref"));
    expect(cib()).not.toContain('<primitive id="pmk-ref"');
    settle();
    const status = pcs("status");
    expect(status.stdout).toContain(`  * pmk-d1\t(ocf:heartbeat:Dummy):\t Started ${cluster.nodeName}`);
    expect(stableStatus(status.stdout)).toEqual(stableStatus(realPcs("status").stdout));
  });

  test("disable --wait and enable --wait wait for Pacemaker", () => {
    const off = pcs("resource", "disable", "pmk-d1", "--wait=60");
    expectOk(off);
    expect(off.stdout + off.stderr).toContain("resource 'pmk-d1' is not running on any node");
    expect(pcs("resource", "status").stdout).toContain("  * pmk-d1\t(ocf:heartbeat:Dummy):\t Stopped (disabled)");
    const on = pcs("resource", "enable", "pmk-d1", "--wait=60");
    expectOk(on);
    expect(on.stdout + on.stderr).toContain(`resource 'pmk-d1' is running on node '${cluster.nodeName}'`);
  });

  test("constraint location on a node the cluster does not know: refused without --force, as real pcs", () => {
    const ours = pcs("constraint", "location", "pmk-d1", "prefers", "no-such-node=100");
    expect({ code: ours.code, stderr: ours.stderr }).toEqual({
      code: 1,
      stderr: "Error: Node 'no-such-node' does not appear to exist in configuration, use --force to override\n",
    });
    const real = realPcs("constraint", "location", "pmk-d1", "prefers", "no-such-node=100");
    expect({ code: real.code, stderr: real.stderr }).toEqual({ code: ours.code, stderr: ours.stderr });
    expect(cib()).not.toContain("no-such-node");
  });

  test("constraint location ... --force, shown as real pcs shows it", () => {
    const ours = pcs("constraint", "location", "pmk-d1", "prefers", `${cluster.nodeName}=100`, "--force");
    expectOk(ours);
    expect(ours.stderr).toBe("Warning: Validation for node existence in the cluster will be skipped\n");
    expect(cib()).toContain(`<rsc_location id="location-pmk-d1-${cluster.nodeName}-100" rsc="pmk-d1" node="${cluster.nodeName}" score="100"/>`);
    expect(pcs("constraint").stdout).toBe(realPcs("constraint").stdout);
  });

  test("a promotable Stateful is promoted", () => {
    expectOk(pcs("resource", "create", "pmk-s1", "ocf:pacemaker:Stateful", "promotable"));
    settle();
    const status = pcs("status");
    expect(status.stdout).toContain("  * Clone Set: pmk-s1-clone [pmk-s1] (promotable):\n");
    expect(status.stdout).toContain(`    * Promoted: [ ${cluster.nodeName} ]`);
    expect(stableStatus(status.stdout)).toEqual(stableStatus(realPcs("status").stdout));
  });

  test("resource cleanup after a failure clears it through crm_resource", async () => {
    settle();
    // Dummy's monitor finds the resource stopped once its state file is gone
    const state = "/run/resource-agents/Dummy-pmk-d1.state";
    expect(existsSync(state)).toBe(true);
    rmSync(state);
    const deadline = Date.now() + 60000;
    let counts = pcs("resource", "failcount", "show", "pmk-d1");
    while (!counts.stdout.includes(`${cluster.nodeName}: 1`) && Date.now() < deadline) {
      await sleep(500);
      counts = pcs("resource", "failcount", "show", "pmk-d1");
    }
    expect(counts.stdout).toBe(realPcs("resource", "failcount", "show", "pmk-d1").stdout);
    expect(counts.stdout).toContain(`${cluster.nodeName}: 1`);
    expect(pcs("status").stdout).toContain("Failed Resource Actions:");
    const cleanup = pcs("resource", "cleanup", "pmk-d1");
    expectOk(cleanup);
    expect(cleanup.stderr).toContain(`Cleaned up pmk-d1 on ${cluster.nodeName}`);
    expect(pcs("resource", "failcount", "show", "pmk-d1").stdout).toBe("No failcounts for resource 'pmk-d1'\n");
    expect(cib()).not.toContain("fail-count-pmk-d1");
  });

  test("concurrent changes are retried, none is lost", async () => {
    const run = (name: string) => pcsOutcome(["resource", "meta", "pmk-d1", `${name}=1`], cluster.env);
    const names = Array.from({ length: 6 }, (_, i) => `pmk-note-${i}`);
    expect(await Promise.all(names.map(run))).toEqual(names.map(() => "exit 0"));
    const xml = cib();
    for (const name of names) expect(xml).toContain(`name="${name}" value="1"`);
  });

  test("the CIB manager's refusal is pcs's error, not a stack trace", () => {
    const bad = join(cluster.dir, "bad-cib.xml");
    // a CIB the schema refuses: an unknown element in the resources section
    writeFileSync(bad, cib().replace("<resources>", '<resources><no-such-element id="x"/>'));
    const r = pcs("cluster", "cib-push", bad, "--config");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(cib()).not.toContain("no-such-element");
  });

  test("resource delete stops a running resource first, as real pcs", () => {
    settle();
    expectOk(realPcs("resource", "create", "pmk-ref2", "ocf:heartbeat:Dummy"));
    settle();
    const real = realPcs("resource", "delete", "pmk-ref2");
    expect(real.stderr).toBe("Attempting to stop: pmk-ref2... Stopped\n");
    const ours = pcs("resource", "delete", "pmk-d1");
    expect({ code: ours.code, stdout: ours.stdout, stderr: ours.stderr }).toEqual({ code: real.code, stdout: real.stdout, stderr: "Attempting to stop: pmk-d1... Stopped\n" });
  });

  test("resource delete removes them from the live cluster", () => {
    expectOk(pcs("resource", "delete", "pmk-s1"));
    const xml = cib();
    expect(xml).not.toContain('<primitive id="pmk-s1"');
    expect(xml).not.toContain('<primitive id="pmk-d1"');
  });

  test("PCS_LITE_NO_LOCAL_PACEMAKER=1 leaves the local Pacemaker alone", () => {
    const r = runPcs(["status"], { env: { ...cluster.env, PCS_LITE_NO_LOCAL_PACEMAKER: "1" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No cluster is known to pcs");
  });
});
