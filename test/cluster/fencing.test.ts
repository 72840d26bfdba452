// Node loss on a live three-node cluster (token 1 s) with a fence device: a killed or hung node is
// fenced before its resources start elsewhere; while fencing fails nothing it ran is recovered and
// fencing is retried; with stonith-enabled=false the cluster recovers without fencing.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(300000);
// How long a step may take: generous, since on a loaded 2-core machine a fencing round takes several
// times longer than alone (the tests wait for a condition, never for a time).
const DEADLINE = 60000;

const PASSWORD = "fence-test-pw";
const NODES = ["node1", "node2", "node3"];
const haveDummy = existsSync("/usr/lib/ocf/resource.d/heartbeat/Dummy");
if (process.env.CI === "true" && !haveDummy) throw new Error("resource-agents must be installed for the fencing tests");
const describeLive = haveDummy ? describe : describe.skip;

/** A fence agent of the test's own: logs every request, kills the target's agent by the pid the test
 * wrote down, and fails on purpose while a flag file exists. */
const FENCE_AGENT = `#!/bin/sh
action=""; port=""; dir=""
if [ "$1" = "-o" ]; then action="$2"; fi
if [ "$action" != "metadata" ]; then
  while IFS='=' read -r k v; do
    case "$k" in action) action="$v";; port|plug) port="$v";; dir) dir="$v";; esac
  done
fi
case "$action" in
  metadata)
    cat <<'EOF'
<?xml version="1.0" ?>
<resource-agent name="fence_testkill" shortdesc="Kills a test node's agent">
<longdesc>Test fence agent: kills the pcs-agent of the target node.</longdesc>
<parameters>
  <parameter name="action" unique="0" required="1"><getopt mixed="-o, --action=[action]" /><content type="string" default="reboot" /><shortdesc lang="en">Fencing action</shortdesc></parameter>
  <parameter name="plug" unique="0" required="0" obsoletes="port"><getopt mixed="-n, --plug=[id]" /><content type="string" /><shortdesc lang="en">Node</shortdesc></parameter>
  <parameter name="port" unique="0" required="0" deprecated="1"><getopt mixed="-n, --plug=[id]" /><content type="string" /><shortdesc lang="en">Node</shortdesc></parameter>
  <parameter name="dir" unique="0" required="1"><content type="string" /><shortdesc lang="en">Test directory</shortdesc></parameter>
</parameters>
<actions><action name="on" automatic="0"/><action name="off" /><action name="reboot" /><action name="status" /><action name="list" /><action name="monitor" /><action name="metadata" /></actions>
</resource-agent>
EOF
    exit 0;;
esac
echo "$(date +%s%3N) $action $port" >> "$dir/fence.log"
case "$action" in
  monitor|status|on) exit 0;;
  list) for n in node1 node2 node3; do echo "$n,"; done; exit 0;;
  off|reboot)
    if [ -f "$dir/fail" ]; then echo "failing on purpose for $port" >&2; exit 1; fi
    pid=$(cat "$dir/$port.pid" 2>/dev/null)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    exit 0;;
esac
exit 1
`;

/** A resource whose stop always fails: with fencing on, that escalates to fencing its node. */
const STOP_FAILS = `#!/bin/sh
state="\${HA_RSCTMP}/StopFails-\${OCF_RESOURCE_INSTANCE}.state"
case "$1" in
  start) touch "$state"; exit 0;;
  stop) echo "ocf-exit-reason:cannot stop on purpose" >&2; exit 1;;
  monitor) [ -f "$state" ] && exit 0; exit 7;;
  meta-data) echo '<?xml version="1.0"?><resource-agent name="StopFails" version="1"><version>1.1</version><parameters/><actions><action name="start" timeout="20s"/><action name="stop" timeout="20s"/><action name="monitor" timeout="20s" interval="10s"/><action name="meta-data" timeout="5s"/></actions></resource-agent>'; exit 0;;
  *) exit 3;;
esac
`;

function ocfRoot(dir: string): string {
  const root = join(dir, "ocf");
  mkdirSync(join(root, "resource.d", "pcstest"), { recursive: true });
  symlinkSync("/usr/lib/ocf/lib", join(root, "lib"));
  symlinkSync("/usr/lib/ocf/resource.d/heartbeat", join(root, "resource.d", "heartbeat"));
  writeFileSync(join(root, "resource.d", "pcstest", "StopFails"), STOP_FAILS);
  chmodSync(join(root, "resource.d", "pcstest", "StopFails"), 0o755);
  return root;
}

describeLive("a lost or hung node is fenced before its resources move", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const fenceDir = join(root.dir, "fence");
  const agents = new Map<string, AgentProcess>();
  let env: NodeJS.ProcessEnv;
  const pcs = (...args: string[]) => pcsAsync(config, args);
  const prev = process.env.OCF_ROOT;

  const fenceLog = (): { at: number; action: string; target: string }[] =>
    existsSync(join(fenceDir, "fence.log"))
      ? readFileSync(join(fenceDir, "fence.log"), "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split(" "))
          .map(([at, action, target]) => ({ at: Number(at), action, target }))
      : [];
  const fencings = (target: string) => fenceLog().filter((e) => e.target === target && (e.action === "reboot" || e.action === "off"));

  const startNode = async (name: string, port = 0) => {
    const agent = await startAgent(name, join(root.dir, name), port, env);
    agents.set(name, agent);
    writeFileSync(join(fenceDir, `${name}.pid`), String(agent.child.pid));
    return agent;
  };
  const status = async () => (await pcs("status")).stdout;
  const startedOn = async (id: string): Promise<string | undefined> => new RegExp(`\\* ${id}\\s+\\(ocf:heartbeat:Dummy\\):\\s+Started (\\S+)`).exec(await status())?.[1];
  const online = async (): Promise<string[]> => {
    const m = /Online: \[ ([^\]]*) \]/.exec(await status());
    return m ? m[1].trim().split(/\s+/) : [];
  };
  /** Where d1 runs once it settled (each test starts from a settled cluster). */
  const settled = async (): Promise<string> => {
    let node: string | undefined;
    await waitFor(async () => (node = await startedOn("d1")) !== undefined, DEADLINE, "d1 started");
    return node!;
  };
  /** A fenced node comes back as a rebooted machine would: /run emptied, a new agent on the same port. */
  const restart = async (name: string) => {
    const old = agents.get(name)!;
    await stopAgent(old, "SIGKILL");
    rmSync(join(root.dir, name, "run"), { recursive: true, force: true });
    await startNode(name, old.port);
    await waitFor(async () => (await online()).includes(name), DEADLINE, `${name} back online`);
  };

  beforeAll(async () => {
    mkdirSync(fenceDir, { recursive: true });
    writeFileSync(join(fenceDir, "fence_testkill"), FENCE_AGENT);
    chmodSync(join(fenceDir, "fence_testkill"), 0o755);
    process.env.PCS_LITE_FENCE_DIR = fenceDir;
    process.env.OCF_ROOT = ocfRoot(root.dir);
    env = { ...process.env };
    for (const name of NODES) {
      setPassword(join(root.dir, name), PASSWORD);
      await startNode(name);
    }
    const auth = await pcs("host", "auth", ...NODES.flatMap((n) => [n, `addr=127.0.0.1:${agents.get(n)!.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
    expect((await pcs("cluster", "setup", "fencing", ...NODES, "totem", "token=1000", "--start", "--wait=30")).code).toBe(0);
    const device = await pcs("stonith", "create", "killer", "fence_testkill", `dir=${fenceDir}`, "pcmk_host_list=node1 node2 node3");
    expect(device).toMatchObject({ code: 0 });
    expect(await pcs("resource", "create", "d1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=2s", "meta", "resource-stickiness=100")).toMatchObject({ code: 0 });
    await waitFor(async () => (await startedOn("d1")) !== undefined, DEADLINE, "d1 started");
  });

  afterAll(async () => {
    delete process.env.PCS_LITE_FENCE_DIR;
    if (prev === undefined) delete process.env.OCF_ROOT;
    else process.env.OCF_ROOT = prev;
    await Promise.all([...agents.values()].map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  it("fences a killed node, then starts its resource on another node", async () => {
    const victim = await settled();
    const killedAt = Date.now();
    await stopAgent(agents.get(victim)!, "SIGKILL");
    let movedTo: string | undefined;
    await waitFor(async () => (movedTo = await startedOn("d1")) !== undefined && movedTo !== victim, DEADLINE, "d1 started elsewhere");
    const shots = fencings(victim).filter((e) => e.at >= killedAt);
    expect(shots.length).toBeGreaterThanOrEqual(1);
    // the device ran on a surviving node, and the resource's history on the fenced node is gone
    expect((await pcs("resource", "failcount", "show", "d1")).code).toBe(0);
    await restart(victim);
    // it came back clean: d1 stays where it went
    expect(await startedOn("d1")).toBe(movedTo);
  });

  it("fences a hung node (SIGSTOP): the fence really kills it", async () => {
    const victim = await settled();
    const agent = agents.get(victim)!;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => agent.child.once("exit", (_code, signal) => resolve(signal)));
    const stoppedAt = Date.now();
    agent.child.kill("SIGSTOP");
    let movedTo: string | undefined;
    await waitFor(async () => (movedTo = await startedOn("d1")) !== undefined && movedTo !== victim, DEADLINE, "d1 started elsewhere");
    expect(await exited).toBe("SIGKILL");
    expect(fencings(victim).some((e) => e.at >= stoppedAt)).toBe(true);
    await restart(victim);
  });

  it("recovers nothing while fencing fails, retries, and recovers once it succeeds", async () => {
    writeFileSync(join(fenceDir, "fail"), "");
    const victim = await settled();
    const killedAt = Date.now();
    await stopAgent(agents.get(victim)!, "SIGKILL");
    await waitFor(() => fencings(victim).filter((e) => e.at >= killedAt).length >= 2, DEADLINE, "fencing retried");
    const text = await status();
    expect(text).toMatch(new RegExp(`${victim}: UNCLEAN \\(offline\\)`));
    // not started anywhere else while its node may still run it
    const survivors = NODES.filter((n) => n !== victim);
    const d1Line = /\* d1\s+\(ocf:heartbeat:Dummy\):\s+(.*)/.exec(text)?.[1] ?? "";
    expect(survivors.filter((n) => d1Line.includes(n))).toEqual([]);
    expect(survivors.some((n) => existsSync(join(root.dir, n, "run", "resource-agents", "Dummy-d1.state")))).toBe(false);
    rmSync(join(fenceDir, "fail"));
    let movedTo: string | undefined;
    await waitFor(async () => (movedTo = await startedOn("d1")) !== undefined && movedTo !== victim, DEADLINE, "d1 recovered after fencing succeeded");
    await restart(victim);
  });

  it("with stonith-enabled=false, recovers a lost node's resources without fencing", async () => {
    expect((await pcs("property", "set", "stonith-enabled=false")).code).toBe(0);
    const victim = await settled();
    const killedAt = Date.now();
    await stopAgent(agents.get(victim)!, "SIGKILL");
    let movedTo: string | undefined;
    await waitFor(async () => (movedTo = await startedOn("d1")) !== undefined && movedTo !== victim, DEADLINE, "d1 started elsewhere");
    expect(fencings(victim).filter((e) => e.at >= killedAt)).toEqual([]);
    await restart(victim);
    expect((await pcs("property", "set", "stonith-enabled=true")).code).toBe(0);
  });

  it("a stop that fails gets its node fenced, after which the resource counts as stopped", async () => {
    expect((await pcs("resource", "create", "sf", "ocf:pcstest:StopFails", "meta", "resource-stickiness=100")).code).toBe(0);
    let node: string | undefined;
    await waitFor(async () => (node = /\* sf\s+\(ocf:pcstest:StopFails\):\s+Started (\S+)/.exec(await status())?.[1]) !== undefined, DEADLINE, "sf started");
    const since = Date.now();
    expect((await pcs("resource", "disable", "sf")).code).toBe(0);
    await waitFor(() => fencings(node!).some((e) => e.at >= since), DEADLINE, `${node} fenced for the failed stop`);
    await waitFor(async () => /\* sf\s+\(ocf:pcstest:StopFails\):\s+Stopped \(disabled\)/.test(await status()), DEADLINE, "sf stopped");
    await restart(node!);
    expect((await pcs("resource", "delete", "sf")).code).toBe(0);
  });

  it("a node cut off by a network partition is fenced by the majority, which takes over its resources", async () => {
    const victim = await settled();
    const others = NODES.filter((n) => n !== victim);
    const since = Date.now();
    writeFileSync(join(root.dir, victim, "blocked-peers"), others.join("\n"));
    for (const n of others) writeFileSync(join(root.dir, n, "blocked-peers"), victim);
    let movedTo: string | undefined;
    try {
      await waitFor(async () => (movedTo = await startedOn("d1")) !== undefined && movedTo !== victim, DEADLINE, "d1 started in the majority");
      expect(fencings(victim).some((e) => e.at >= since)).toBe(true);
    } finally {
      // the next test starts from a whole cluster, whatever happened here
      for (const n of NODES) rmSync(join(root.dir, n, "blocked-peers"), { force: true });
      await restart(victim);
    }
  });

  it("without fencing, a partition that lost quorum stops its resources (no-quorum-policy=stop)", async () => {
    expect((await pcs("property", "set", "stonith-enabled=false")).code).toBe(0);
    const victim = await settled();
    const others = NODES.filter((n) => n !== victim);
    const stateFile = join(root.dir, victim, "run", "resource-agents", "Dummy-d1.state");
    expect(existsSync(stateFile)).toBe(true);
    writeFileSync(join(root.dir, victim, "blocked-peers"), others.join("\n"));
    for (const n of others) writeFileSync(join(root.dir, n, "blocked-peers"), victim);
    await waitFor(() => !existsSync(stateFile), DEADLINE, `d1 stopped on ${victim}, which lost quorum`);
    await waitFor(() => others.some((n) => existsSync(join(root.dir, n, "run", "resource-agents", "Dummy-d1.state"))), DEADLINE, "d1 started in the majority");
    for (const n of NODES) rmSync(join(root.dir, n, "blocked-peers"), { force: true });
    await waitFor(async () => (await online()).length === 3, DEADLINE, "the partition healed");
    expect((await pcs("property", "set", "stonith-enabled=true")).code).toBe(0);
  });
});
