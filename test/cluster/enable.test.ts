// pcs cluster enable / disable and setup --enable on two agents: the marker each agent keeps, and an
// enabled node's agent starting the cluster when it starts again. The Pacemaker backend refuses both.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pacemakerMethods } from "../../src/pacemaker-agent/methods";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(120000);

const PASSWORD = "s3cret-pw";

describe("cluster enable and disable", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  const pcs = (...args: string[]) => pcsAsync(config, args);
  const enabled = (a: AgentProcess) => existsSync(join(a.dir, "enabled"));
  const started = (a: AgentProcess) => existsSync(join(a.dir, "started"));

  beforeAll(async () => {
    for (const name of ["node1", "node2"]) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await startAgent(name, dir));
    }
    const auth = await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  it("setup --enable enables every node, reporting as pcs does", async () => {
    const r = await pcs("cluster", "setup", "en", "node2", "node1", "totem", "token=1000", "--enable");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Cluster has been successfully set up.\nEnabling cluster on hosts: 'node1', 'node2'...\n");
    expect(r.stderr).toMatch(/node1: Cluster enabled\n/);
    expect(r.stderr).toMatch(/node2: Cluster enabled\n/);
    expect(agents.map(enabled)).toEqual([true, true]);
    expect(agents.map(started)).toEqual([false, false]);
  });

  it("refuses --all with nodes, changing nothing", async () => {
    for (const command of ["enable", "disable"]) {
      const r = await pcs("cluster", command, "node1", "node2", "--all");
      expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: Cannot specify both --all and a list of nodes.\n" });
    }
    const f = await pcs("-f", join(root.dir, "cib.xml"), "cluster", "enable");
    expect(f.stderr).toBe("Error: Specified option '-f' is not supported in this command\n");
    expect(agents.map(enabled)).toEqual([true, true]);
  });

  it("disables and enables named nodes and all nodes", async () => {
    expect(await pcs("cluster", "disable", "node2")).toEqual({ code: 0, stdout: "node2: Cluster Disabled\n", stderr: "" });
    expect(agents.map(enabled)).toEqual([true, false]);
    expect(await pcs("cluster", "disable", "--all")).toEqual({ code: 0, stdout: "node2: Cluster Disabled\nnode1: Cluster Disabled\n", stderr: "" });
    expect(agents.map(enabled)).toEqual([false, false]);
    expect(await pcs("cluster", "enable", "node1")).toEqual({ code: 0, stdout: "node1: Cluster Enabled\n", stderr: "" });
    expect(agents.map(enabled)).toEqual([true, false]);
    const unknown = await pcs("cluster", "enable", "node9");
    expect(unknown).toMatchObject({ code: 1, stderr: "Error: Node 'node9' does not appear to exist in configuration\n" });
  });

  it("an enabled node's agent starts the cluster when it starts; a disabled one's does not", async () => {
    for (const [i, a] of agents.entries()) {
      await stopAgent(a);
      agents[i] = await startAgent(a.name, a.dir, a.port);
    }
    await waitFor(() => started(agents[0]), 10000, "node1's cluster to start");
    expect(started(agents[1])).toBe(false);
    const status = await pcs("cluster", "status");
    expect(status.stdout).toMatch(/\* (Online|OFFLINE)/);
    // the live CIB goes through cibadmin's upgrade as well (already the newest schema: nothing changes)
    const before = (await pcs("cluster", "cib")).stdout;
    expect(await pcs("cluster", "cib-upgrade")).toEqual({ code: 0, stdout: "", stderr: "Cluster CIB has been upgraded to latest version\n" });
    expect((await pcs("cluster", "cib")).stdout).toBe(before);
  });

  it("an unreachable node fails the command, the others are done", async () => {
    await stopAgent(agents[1]);
    const r = await pcs("cluster", "enable", "--all", "--request-timeout=2");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("node1: Cluster Enabled\n");
    expect(r.stderr).toMatch(/^Error: unable to enable all nodes\nnode2: /);
  });
});

describe("the Pacemaker backend", () => {
  it("refuses to enable or disable the cluster, as to start it", () => {
    const methods = pacemakerMethods({ tools: { run: () => Promise.reject(new Error("not run")) }, hostPublicKey: "", addAuthorizedKey: () => undefined, log: () => undefined });
    for (const method of ["cluster.enable", "cluster.disable"]) {
      expect(() => methods[method]({}, {} as never)).toThrow(/to (enable|disable) the cluster, use real pcs with pcsd/);
    }
  });
});
