// A hung node (SIGSTOP: its port still accepts connections, nothing answers) never stalls pcs: on a
// three-node cluster (token 1 s, no fencing, so that the hung node is not killed), status commands
// answer with the other nodes and say the hung one is unreachable as pcs does; writes go elsewhere;
// --request-timeout gives a node longer. First a node in the middle, then the first node, the DC.
// The deadlines are generous: these tests check that pcs does not stall, not how fast it answers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess, type Run } from "./harness";

jest.setTimeout(180000);

const PASSWORD = "hung-pw";
const NODES = ["node1", "node2", "node3"];
/** What "does not stall" means in these tests: far below the 60 s request timeout, above the 1-2 s expected. */
const DEADLINE_MS = 5000;

describe("a hung node does not stall pcs", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  const stopped = new Set<AgentProcess>();
  const pcs = (...args: string[]) => pcsAsync(config, args);
  const timed = async (...args: string[]): Promise<Run & { ms: number }> => {
    const started = Date.now();
    const r = await pcs(...args);
    return { ...r, ms: Date.now() - started };
  };
  const hang = (a: AgentProcess) => (a.child.kill("SIGSTOP"), stopped.add(a));
  const resume = (a: AgentProcess) => (a.child.kill("SIGCONT"), stopped.delete(a));

  beforeAll(async () => {
    for (const name of NODES) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await startAgent(name, dir));
    }
    expect((await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD)).code).toBe(0);
    expect((await pcs("cluster", "setup", "hung", ...NODES, "totem", "token=1000", "--start", "--wait=30")).code).toBe(0);
    expect((await pcs("property", "set", "stonith-enabled=false")).code).toBe(0);
    // every node has answered once: each has its connection multiplexer, which must not hang either
    expect((await pcs("cluster", "status")).stdout).toContain("Online: [ node1 node2 node3 ]");
  });

  afterAll(async () => {
    for (const a of stopped) a.child.kill("SIGCONT");
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  it("remembers the cluster's token from setup, which bounds the wait for a node", () => {
    expect(JSON.parse(readFileSync(join(config, "live-memory.json"), "utf8"))).toMatchObject({ token: 1000 });
  });

  describe("with a node in the middle of the list hung", () => {
    const victim = () => agents[2];
    beforeAll(() => hang(victim()));
    afterAll(() => resume(victim()));

    it("cluster status answers, the node Offline in PCSD Status, why on stderr", async () => {
      const r = await timed("cluster", "status");
      expect(r.ms).toBeLessThan(DEADLINE_MS);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^PCSD Status:\n {2}node1: Online\n {2}node2: Online\n {2}node3: Offline$/m);
      expect(r.stderr).toMatch(/^Warning: Unable to connect to node3, check if pcs-agent is running there or try setting higher timeout with --request-timeout option \(.*timed out after 1000 milliseconds\)$/m);
    });

    it("the others see it leave after the token", async () => {
      await waitFor(async () => (await pcs("cluster", "status")).stdout.includes("OFFLINE: [ node3 ]"), 10000, "node3 offline");
    });

    it("status, quorum status and corosync.conf answer", async () => {
      const status = await timed("status");
      expect(status).toMatchObject({ code: 0 });
      expect(status.ms).toBeLessThan(DEADLINE_MS);
      expect(status.stdout).toContain("OFFLINE: [ node3 ]");
      const quorum = await timed("quorum", "status");
      expect(quorum.ms).toBeLessThan(DEADLINE_MS);
      expect(quorum.stdout).toMatch(/^Quorate: +Yes$/m);
      const conf = await timed("cluster", "corosync");
      expect(conf.ms).toBeLessThan(DEADLINE_MS);
      expect(conf.stdout).toContain("token: 1000");
    });

    it("a change lands on the other nodes", async () => {
      const r = await timed("resource", "create", "while-hung", "ocf:heartbeat:Dummy", "--disabled");
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(r.ms).toBeLessThan(DEADLINE_MS);
    });

    it("stopping the hung node fails fast, as pcs says it", async () => {
      const r = await timed("cluster", "stop", "node3");
      expect(r.ms).toBeLessThan(DEADLINE_MS);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: unable to stop all nodes\nnode3: Unable to connect to node3, check if pcs-agent is running there/m);
      expect(r.stderr).toContain("node3: Not stopping cluster - node is unreachable\n");
    });

    it("--request-timeout gives a node longer", async () => {
      const r = await timed("--request-timeout=3", "cluster", "status");
      expect(r.ms).toBeGreaterThanOrEqual(3000);
      expect(r.ms).toBeLessThan(3000 + DEADLINE_MS);
      expect(r.stderr).toContain("timed out after 3000 milliseconds");
    });
  });

  describe("with the first node, the DC, hung", () => {
    const victim = () => agents[0];
    beforeAll(async () => {
      await waitFor(async () => (await pcs("cluster", "status")).stdout.includes("Online: [ node1 node2 node3 ]"), 15000, "node3 back");
      expect((await pcs("cluster", "status")).stdout).toContain("Current DC: node1");
      hang(victim());
    });
    afterAll(() => resume(victim()));

    it("status answers through another node, and a new DC is elected", async () => {
      const r = await timed("status");
      expect(r.code).toBe(0);
      expect(r.ms).toBeLessThan(DEADLINE_MS);
      await waitFor(async () => /Current DC: node2/.test((await pcs("status")).stdout), 10000, "node2 to become DC");
    });

    it("a change lands while the DC is replaced", async () => {
      const r = await timed("resource", "create", "new-dc", "ocf:heartbeat:Dummy", "--disabled");
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(r.ms).toBeLessThan(DEADLINE_MS);
    });

    it("cluster status answers with node1 Offline", async () => {
      const r = await timed("cluster", "status");
      expect(r.ms).toBeLessThan(DEADLINE_MS);
      expect(r.stdout).toContain("  node1: Offline");
      expect(r.stdout).toContain("Current DC: node2");
    });

    it("later commands try the hung node last", async () => {
      const r = await timed("--debug", "status");
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/connected to node1/);
      expect(JSON.parse(readFileSync(join(config, "live-memory.json"), "utf8")).unanswered).toHaveProperty("node1");
    });

    it("once it answers again it is back in PCSD Status", async () => {
      resume(victim());
      await waitFor(async () => (await pcs("cluster", "status")).stdout.includes("  node1: Online"), 10000, "node1 answering");
    });
  });
});
