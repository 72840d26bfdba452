// The live resource commands on a three-node cluster whose DC runs resources: cleanup / refresh,
// enable / disable --wait, move (and the constraint it removes), ban / clear, restart, node standby --wait,
// debug-* (the agent run here), and --wait giving up. Outputs are pcs 0.11.5's (crm_resource's lines).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(240000);

const PASSWORD = "s3cret-pw";
const OCF_ROOT = process.env.OCF_ROOT ?? "/usr/lib/ocf";
const DUMMY = join(OCF_ROOT, "resource.d", "heartbeat", "Dummy");

describe("live resource commands", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  const pcs = (...args: string[]) => pcsAsync(config, args);
  /** The node a resource is shown Started on by `pcs status`, if any. */
  const startedOn = async (id: string): Promise<string | undefined> => {
    const out = (await pcs("resource", "status", id)).stdout;
    return new RegExp(`\\* ${id}\\t\\([^)]*\\):\\t Started (\\S+)`).exec(out)?.[1];
  };
  const constraints = async () => (await pcs("constraint", "location", "config", "--full")).stdout;

  beforeAll(async () => {
    if (!existsSync(DUMMY)) {
      // resource-agents is a CI dependency: missing there is a failure, not a skip
      if (process.env.CI === "true") throw new Error(`${DUMMY} is missing: install resource-agents`);
      return;
    }
    for (const name of ["node1", "node2", "node3"]) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await startAgent(name, dir, 0, { ...process.env, OCF_ROOT }));
    }
    const auth = await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
    expect((await pcs("cluster", "setup", "live", "node1", "node2", "node3", "totem", "token=1000", "--start")).code).toBe(0);
    await waitFor(async () => (await pcs("status")).stdout.includes("Online: [ node1 node2 node3 ]"), 15000, "all nodes online");
    expect((await pcs("property", "set", "stonith-enabled=false")).code).toBe(0);
    expect((await pcs("resource", "create", "d1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=2s")).code).toBe(0);
    await waitFor(async () => (await startedOn("d1")) !== undefined, 20000, "d1 to start");
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  // without resource-agents (outside CI) there is nothing to run; in CI beforeAll fails instead
  const live = () => (existsSync(DUMMY) || process.env.CI === "true" ? it : it.skip);

  live()("cleanup prints crm_resource's lines and leaves the resource running", async () => {
    const r = await pcs("resource", "cleanup", "d1");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Cleaned up d1 on node\d$/m);
    await waitFor(async () => (await startedOn("d1")) !== undefined, 20000, "d1 to be probed and running again");
    const all = await pcs("resource", "cleanup");
    expect(all.stderr).toMatch(/^Cleaned up all resources on all nodes$/m);
  });

  live()("refresh deletes the history on every node, one controller reply each", async () => {
    const r = await pcs("resource", "refresh", "d1");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Waiting for 3 replies from the controller\n... got reply\n... got reply\n... got reply (done)\n");
    await waitFor(async () => (await startedOn("d1")) !== undefined, 20000, "d1 re-detected");
  });

  live()("an unknown resource is pcs's error", async () => {
    const r = await pcs("resource", "cleanup", "nosuch");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "Error: Unable to forget failed operations of resource: nosuch\ncrm_resource: Resource 'nosuch' not found\nError performing operation: No such object\n",
    );
  });

  live()("disable --wait and enable --wait report where the resource ends up", async () => {
    const off = await pcs("resource", "disable", "d1", "--wait=30");
    expect(off.stderr).toBe("Waiting for the cluster to apply configuration changes (timeout: 30 seconds)...\nresource 'd1' is not running on any node\n");
    expect(off.code).toBe(0);
    const on = await pcs("resource", "enable", "d1", "--wait");
    expect(on.code).toBe(0);
    expect(on.stderr).toMatch(/^Waiting for the cluster to apply configuration changes\.\.\.\nresource 'd1' is running on node 'node\d'\n$/);
  });

  live()("move goes to the node, then removes its constraint", async () => {
    const from = await startedOn("d1");
    const to = ["node1", "node2", "node3"].find((n) => n !== from)!;
    const r = await pcs("resource", "move", "d1", to);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Location constraint to move resource 'd1' has been created\n`);
    expect(r.stderr).toContain(`Location constraint created to move resource 'd1' has been removed\n`);
    expect(r.stderr).toMatch(new RegExp(`resource 'd1' is running on node '${to}'\\n$`));
    expect(await startedOn("d1")).toBe(to);
    expect(await constraints()).not.toContain("cli-prefer-d1");
  });

  live()("ban --wait keeps it off the node; clear removes the ban", async () => {
    const here = (await startedOn("d1"))!;
    const ban = await pcs("resource", "ban", "d1", here, "--wait=30");
    expect(ban.code).toBe(0);
    expect(ban.stderr).toMatch(/resource 'd1' is running on node 'node\d'\n$/);
    expect(await startedOn("d1")).not.toBe(here);
    expect(await constraints()).toContain(`cli-ban-d1-on-${here}`);
    expect((await pcs("resource", "clear", "d1")).code).toBe(0);
    expect(await constraints()).not.toContain("cli-ban-d1");
  });

  live()("restart stops and starts the resource", async () => {
    const r = await pcs("resource", "restart", "d1");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "d1 successfully restarted\n" });
    expect(await startedOn("d1")).toBeDefined();
  });

  live()("node standby --wait moves resources off the node; unstandby lets them back", async () => {
    const here = (await startedOn("d1"))!;
    const r = await pcs("node", "standby", here, "--wait=60");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Waiting for the cluster to apply configuration changes (timeout: 60 seconds)...\n");
    const now = await startedOn("d1");
    expect(now).toBeDefined();
    expect(now).not.toBe(here);
    expect((await pcs("status", "nodes")).stdout).toMatch(new RegExp(`Standby: .*${here}`));
    expect((await pcs("node", "unstandby", "--all", "--wait")).code).toBe(0);
  });

  live()("--wait gives up with pcs's message when the cluster stays busy", async () => {
    expect((await pcs("resource", "create", "slow", "ocf:heartbeat:Delay", "startdelay=15", "op", "start", "timeout=60s", "--disabled")).code).toBe(0);
    const r = await pcs("resource", "enable", "slow", "--wait=2");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: waiting timeout\n\ncrm_resource: Error performing operation: Timeout occurred\nPending actions:\n/m);
    expect((await pcs("resource", "delete", "slow", "--force")).code).toBe(0);
  });

  live()("debug-start / debug-monitor / debug-stop run the agent here and exit with its code", async () => {
    const state = join(root.dir, "debug.state");
    expect((await pcs("resource", "create", "dbg", "ocf:heartbeat:Dummy", `state=${state}`, "--disabled")).code).toBe(0);
    const start = await pcs("resource", "debug-start", "dbg");
    expect(start.stdout).toMatch(/^Operation force-start for dbg \(ocf:heartbeat:Dummy\) returned 0 \(ok\)/);
    expect(start.code).toBe(0);
    expect(readFileSync(state, "utf8")).toBeDefined();
    const monitor = await pcs("resource", "debug-monitor", "dbg");
    expect(monitor).toMatchObject({ code: 0 });
    expect(monitor.stdout).toMatch(/^Operation force-check for dbg \(ocf:heartbeat:Dummy\) returned 0 \(ok\)/);
    expect((await pcs("resource", "debug-stop", "dbg")).code).toBe(0);
    const stopped = await pcs("resource", "debug-monitor", "dbg");
    expect(stopped.code).toBe(7);
    expect(stopped.stdout).toMatch(/^Operation force-check for dbg \(ocf:heartbeat:Dummy\) returned 7 \(not running\)/);
    const group = await pcs("resource", "debug-start", "nosuch");
    expect(group).toMatchObject({ code: 1, stderr: "Error: unable to find a resource/clone/group/bundle: nosuch\n" });
  });
});
