// High availability on a live three-node cluster of pcs-agents (token 1 s): resources really start
// through their agents, a failed monitor is recovered and counted, migration-threshold moves the
// resource, clones run everywhere, a promotable Stateful gets one Promoted, a start that overruns
// its timeout is killed, and parameter values reach the agent untouched. pcs status and Pacemaker's
// own crm_mon (reading a node's CIB) agree on where everything runs.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(240000);

const PASSWORD = "ha-test-pw";
const INSTALLED = "/usr/lib/ocf";
const NODES = ["node1", "node2", "node3"];

const haveAgents = existsSync(join(INSTALLED, "resource.d/heartbeat/Dummy")) && existsSync(join(INSTALLED, "resource.d/pacemaker/Stateful"));
const haveCrmMon = existsSync("/usr/sbin/crm_mon");
if (process.env.CI === "true" && (!haveAgents || !haveCrmMon)) {
  throw new Error("resource-agents, pacemaker-resource-agents and pacemaker-cli-utils must be installed for the HA tests");
}
const describeLive = haveAgents ? describe : describe.skip;

/** Test agents of our own, beside the installed ones: a start that never ends, and one that writes
 * down the parameter value it was given. */
const SLOW = `#!/bin/sh
state="\${HA_RSCTMP}/Slow-\${OCF_RESOURCE_INSTANCE}.state"
case "$1" in
  start) sleep 60 & echo "$$ $!" > "\${HA_RSCTMP}/Slow.pids"; wait; touch "$state"; exit 0;;
  stop) rm -f "$state"; exit 0;;
  monitor) [ -f "$state" ] && exit 0; exit 7;;
  meta-data) echo '<?xml version="1.0"?><resource-agent name="Slow" version="1"><version>1.1</version><parameters/><actions><action name="start" timeout="20s"/><action name="stop" timeout="20s"/><action name="monitor" timeout="20s" interval="10s"/><action name="meta-data" timeout="5s"/></actions></resource-agent>'; exit 0;;
  *) exit 3;;
esac
`;
const RECORD = `#!/bin/sh
state="\${HA_RSCTMP}/Record-\${OCF_RESOURCE_INSTANCE}.state"
case "$1" in
  start) printf '%s' "$OCF_RESKEY_value" > "$OCF_RESKEY_out"; touch "$state"; exit 0;;
  stop) rm -f "$state"; exit 0;;
  monitor) [ -f "$state" ] && exit 0; exit 7;;
  meta-data) echo '<?xml version="1.0"?><resource-agent name="Record" version="1"><version>1.1</version><parameters><parameter name="value"><content type="string"/></parameter><parameter name="out" required="1"><content type="string"/></parameter></parameters><actions><action name="start" timeout="20s"/><action name="stop" timeout="20s"/><action name="monitor" timeout="20s" interval="10s"/><action name="meta-data" timeout="5s"/></actions></resource-agent>'; exit 0;;
  *) exit 3;;
esac
`;

function ocfRoot(dir: string): string {
  const root = join(dir, "ocf");
  mkdirSync(join(root, "resource.d", "pcstest"), { recursive: true });
  symlinkSync(join(INSTALLED, "lib"), join(root, "lib"));
  for (const provider of ["heartbeat", "pacemaker"]) symlinkSync(join(INSTALLED, "resource.d", provider), join(root, "resource.d", provider));
  for (const [name, text] of [["Slow", SLOW], ["Record", RECORD]]) {
    writeFileSync(join(root, "resource.d", "pcstest", name), text);
    chmodSync(join(root, "resource.d", "pcstest", name), 0o755);
  }
  return root;
}

describeLive("a live cluster keeps resources running", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  let env: NodeJS.ProcessEnv;
  const pcs = (...args: string[]) => pcsAsync(config, args);

  /** Where pcs status says a resource (or clone instance line) runs: "Started node2", "Promoted node1"... */
  const statusText = async () => (await pcs("status")).stdout;
  const placement = (status: string, id: string): string[] =>
    status
      .split("\n")
      .filter((l) => new RegExp(`^\\s+\\* ${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+\\(`).test(l))
      .map((l) => l.replace(/^.*\):\s+/, "").trim());
  const crmMon = (agent: AgentProcess) =>
    execFileSync("crm_mon", ["-1", "-r"], { env: { ...process.env, CIB_file: join(agent.dir, "cib.xml") }, encoding: "utf8" });
  const startedOn = async (id: string): Promise<string | undefined> => {
    const lines = placement(await statusText(), id);
    const m = lines.length === 1 ? /^Started (\S+)$/.exec(lines[0]) : null;
    return m?.[1];
  };
  const agentOf = (node: string) => agents.find((a) => a.name === node)!;
  const failcount = async (id: string) => (await pcs("resource", "failcount", "show", id)).stdout;

  beforeAll(async () => {
    // the agents and pcs itself (agent metadata) look for agents there
    process.env.OCF_ROOT = ocfRoot(root.dir);
    env = { ...process.env };
    for (const name of NODES) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await startAgent(name, dir, 0, env));
    }
    const auth = await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
    const setup = await pcs("cluster", "setup", "ha", ...NODES, "totem", "token=1000", "--start", "--wait=30");
    expect(setup).toMatchObject({ code: 0 });
    expect((await pcs("property", "set", "stonith-enabled=false")).code).toBe(0);
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  let d1Node: string | undefined;

  it("starts a created primitive on one node; pcs status and crm_mon agree", async () => {
    const r = await pcs("resource", "create", "d1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=2s");
    expect(r.code).toBe(0);
    await waitFor(async () => (d1Node = await startedOn("d1")) !== undefined, 20000, "d1 started");
    expect(NODES).toContain(d1Node);
    // the state file exists on that node only
    const stateFiles = agents.filter((a) => existsSync(join(a.dir, "run", "resource-agents", "Dummy-d1.state")));
    expect(stateFiles.map((a) => a.name)).toEqual([d1Node]);
    if (haveCrmMon) {
      await waitFor(() => /d1\s+\(ocf:heartbeat:Dummy\):\s+Started (\S+)/.exec(crmMon(agents[2]))?.[1] === d1Node, 5000, "crm_mon to agree");
    }
  });

  it("recovers a failed monitor within seconds and counts the failure", async () => {
    const node = d1Node!;
    rmSync(join(agentOf(node).dir, "run", "resource-agents", "Dummy-d1.state"));
    await waitFor(async () => (await failcount("d1")).includes(node), 15000, "the failure to be counted");
    await waitFor(async () => (await startedOn("d1")) === node && existsSync(join(agentOf(node).dir, "run", "resource-agents", "Dummy-d1.state")), 15000, "d1 recovered");
    expect(await failcount("d1")).toMatch(new RegExp(`${node}: 1\\b|monitor.*${node}.*1`, "s"));
    const status = await statusText();
    expect(status).toContain("Failed Resource Actions:");
    expect(status).toMatch(new RegExp(`d1 2s-interval monitor on ${node} returned 'not running'`));
  });

  it("moves the resource once migration-threshold is reached", async () => {
    const first = d1Node!;
    expect((await pcs("resource", "meta", "d1", "migration-threshold=2")).code).toBe(0);
    rmSync(join(agentOf(first).dir, "run", "resource-agents", "Dummy-d1.state"));
    await waitFor(async () => {
      const on = await startedOn("d1");
      return on !== undefined && on !== first;
    }, 20000, "d1 moved away after the second failure");
    d1Node = await startedOn("d1");
  });

  it("forgets the failures on cleanup, the resource left running", async () => {
    const r = await pcs("resource", "cleanup", "d1");
    expect(r.code).toBe(0);
    await waitFor(async () => (await failcount("d1")).includes("No failcounts"), 10000, "the fail counts to go");
    await waitFor(async () => !(await statusText()).includes("Failed Resource Actions:") && (await startedOn("d1")) === d1Node, 10000, "a clean status");
  });

  it("runs a clone on every node", async () => {
    expect((await pcs("resource", "create", "c1", "ocf:heartbeat:Dummy", "clone")).code).toBe(0);
    await waitFor(async () => {
      const line = (await statusText()).split("\n").find((l) => /^\s+\* Started: \[/.test(l) && l.includes("node1"));
      return !!line && NODES.every((n) => line.includes(n));
    }, 20000, "c1 started on all three nodes");
  });

  it("promotes one instance of a promotable Stateful, the others Unpromoted", async () => {
    expect((await pcs("resource", "create", "st", "ocf:pacemaker:Stateful", "promotable")).code).toBe(0);
    await waitFor(async () => {
      const s = await statusText();
      const promoted = /\* Promoted: \[ (\S+) \]/.exec(s);
      const unpromoted = /\* Unpromoted: \[ (\S+) (\S+) \]/.exec(s);
      return !!promoted && !!unpromoted;
    }, 30000, "one Promoted and two Unpromoted");
  });

  it("kills a start that overruns its timeout and shows it Timed Out", async () => {
    expect((await pcs("resource", "create", "slow", "ocf:pcstest:Slow", "op", "start", "timeout=3s", "meta", "migration-threshold=1")).code).toBe(0);
    let failedOn: string | undefined;
    await waitFor(async () => (failedOn = /slow start on (\S+) could not be executed \(Timed Out/.exec(await statusText())?.[1]) !== undefined, 30000, "the start to time out");
    // the agent and the sleep it started (its process group) did not survive the timeout
    const pids = readFileSync(join(agentOf(failedOn!).dir, "run", "resource-agents", "Slow.pids"), "utf8").trim().split(" ").map(Number);
    expect(pids).toHaveLength(2);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await waitFor(() => pids.every((pid) => !alive(pid)), 5000, "the timed-out start's processes to be gone");
    expect((await pcs("resource", "disable", "slow")).code).toBe(0);
  });

  it("passes parameter values to the agent verbatim, never through a shell", async () => {
    const out = join(root.dir, "recorded-value");
    const marker = join(root.dir, "pwned");
    const value = `$(touch ${marker}) \`touch ${marker}\` "quoted" 'single' ; & | > <`;
    expect((await pcs("resource", "create", "rec", "ocf:pcstest:Record", `value=${value}`, `out=${out}`)).code).toBe(0);
    await waitFor(() => existsSync(out), 20000, "the agent to record its parameter");
    expect(readFileSync(out, "utf8")).toBe(value);
    expect(existsSync(marker)).toBe(false);
  });
  it("hands the DC's duties to a new DC: what runs on the survivors is not restarted", async () => {
    const dcName = /Current DC: (\S+)/.exec(await statusText())?.[1];
    expect(NODES).toContain(dcName);
    const survivors = NODES.filter((n) => n !== dcName);
    const stateOf = (n: string) => join(agentOf(n).dir, "run", "resource-agents", "Dummy-c1.state");
    const before = survivors.map((n) => statSync(stateOf(n)).mtimeMs);
    await stopAgent(agentOf(dcName!), "SIGKILL");
    await waitFor(async () => {
      const s = await statusText();
      const dc = /Current DC: (\S+)/.exec(s)?.[1];
      return !!dc && dc !== dcName && new RegExp(`OFFLINE: \\[ ${dcName} \\]`).test(s);
    }, 15000, "a new DC that sees the old one gone");
    // the new DC takes the survivors' own histories: nothing there is probed or started again
    await waitFor(async () => survivors.includes((await startedOn("d1")) ?? ""), 15000, "d1 running on a survivor");
    expect(survivors.map((n) => statSync(stateOf(n)).mtimeMs)).toEqual(before);
  });
});
