// A node whose host key changed is no member: the others cannot verify it, though it still holds the
// cluster key and sends them heartbeats. They elect a new DC and keep accepting writes.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnAgent } from "../../src/cluster/spawn-agent";
import { AGENT, pcsAsync, setPassword, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(120000);

const PASSWORD = "s3cret-pw";

describe("a node whose host key changed", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  const logs = new Map<string, string>();
  const pcs = (...args: string[]) => pcsAsync(config, args);

  const start = async (name: string, dir: string, port = 0): Promise<AgentProcess> => {
    const { child, listening } = spawnAgent(AGENT, dir, { port, onLog: (d) => logs.set(name, (logs.get(name) ?? "") + d.toString()) });
    return { name, dir, port: await listening, child };
  };
  const events = (name: string, event: string) =>
    (logs.get(name) ?? "")
      .split("\n")
      .filter((l) => l.includes(`"event":"${event}"`))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    for (const name of ["node1", "node2", "node3"]) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await start(name, dir));
    }
    const auth = await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
    const setup = await pcs("cluster", "setup", "keys", "node1", "node2", "node3", "totem", "token=1000", "--start");
    expect(setup.code).toBe(0);
    await waitFor(async () => (await pcs("cluster", "status")).stdout.includes("Online: [ node1 node2 node3 ]"), 15000, "all nodes online");
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  it("is excluded by the others, which elect a new DC and keep accepting writes", async () => {
    const node1 = agents[0];
    await stopAgent(node1);
    rmSync(join(node1.dir, "ssh_host_ed25519_key"));
    rmSync(join(node1.dir, "ssh_host_ed25519_key.pub"));
    logs.clear();
    agents[0] = await start("node1", node1.dir, node1.port);
    const restartedAt = Date.now();

    // the command line refuses node1 itself (its key changed): talk to the cluster through node2 and node3
    const viaPeers = join(root.dir, "config-peers");
    cpSync(config, viaPeers, { recursive: true, filter: (src) => !src.includes(`${config}/mux`) });
    const clusterFile = join(viaPeers, "cluster.json");
    writeFileSync(clusterFile, JSON.stringify({ ...JSON.parse(readFileSync(clusterFile, "utf8")), nodes: ["node2", "node3"] }));
    const peersPcs = (...args: string[]) => pcsAsync(viaPeers, args);

    // node1 keeps sending heartbeats (its links to node2 and node3 verify fine): they must not count
    await waitFor(() => events("node1", "membership.peer-excluded").length >= 2, 10000, "node1 to learn it is excluded");
    const create = await peersPcs("resource", "create", "after-key-change", "ocf:heartbeat:Dummy", "--disabled");
    expect(create).toMatchObject({ code: 0, stderr: "" });
    expect(Date.now() - restartedAt).toBeLessThan(8000);
    for (const a of agents.slice(1)) expect(readFileSync(join(a.dir, "cib.xml"), "utf8")).toContain('<primitive id="after-key-change"');

    const status = await peersPcs("cluster", "status");
    expect(status.stdout).toMatch(/Current DC: node2 /);
    expect(status.stdout).toContain("Online: [ node2 node3 ]");
    expect(status.stdout).not.toMatch(/Online: \[[^\]]*node1/);

    // the cause is logged once per peer, not at every heartbeat
    await new Promise((r) => setTimeout(r, 3000));
    for (const name of ["node2", "node3"]) {
      const excluded = events(name, "membership.peer-excluded");
      expect(excluded).toHaveLength(1);
      expect(excluded[0]).toMatchObject({ node: "node1" });
      expect(String(excluded[0].reason)).toMatch(/^its host key changed \(offered SHA256:\S+, pinned SHA256:\S+\)/);
      const last = events(name, "membership.changed").pop();
      expect(last).toMatchObject({ members: ["node2", "node3"], quorate: true, dc: "node2", excluded: ["node1"] });
    }
    const own = events("node1", "membership.peer-excluded");
    expect(own.map((e) => e.node).sort()).toEqual(["node2", "node3"]);
    expect(String(own[0].reason)).toMatch(/^node[23] excludes node1: its host key changed/);
    expect(events("node1", "membership.changed").pop()).toMatchObject({ members: ["node1"], quorate: false, dc: "node1" });
  });
});
