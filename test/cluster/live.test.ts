// A three-node cluster on 127.0.0.1: host auth, setup, replicated concurrent changes, a node
// killed and caught up, refused logins and an impostor host key.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseXml } from "../../src/cib/xml-parse";
import { connect, TransportError } from "../../src/transport/client";
import { generateKeyPair } from "../../src/transport/keys";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "./harness";

jest.setTimeout(180000);

const PASSWORD = "s3cret-pw";

describe("a live three-node cluster", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const agents: AgentProcess[] = [];
  const pcs = (...args: string[]) => pcsAsync(config, args);
  const cibOf = (a: AgentProcess) => readFileSync(join(a.dir, "cib.xml"), "utf8");
  const primitiveIds = (xml: string) => [...xml.matchAll(/<primitive id="([^"]+)"/g)].map((m) => m[1]).sort();
  const alertIds = (xml: string) => [...xml.matchAll(/<alert id="([^"]+)"/g)].map((m) => m[1]).sort();
  const epochOf = (xml: string) => parseXml(xml).attrs.epoch;

  beforeAll(async () => {
    for (const name of ["node1", "node2", "node3"]) {
      const dir = join(root.dir, name);
      setPassword(dir, PASSWORD);
      agents.push(await startAgent(name, dir));
    }
  });

  const muxDir = join(config, "mux");
  const muxSockets = () => (existsSync(muxDir) ? readdirSync(muxDir).filter((f) => f.endsWith(".sock")) : []);

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    // the connection multiplexers the commands left behind end with their connections
    await waitFor(() => muxSockets().length === 0, 5000, "the multiplexers to exit").catch(() => undefined);
    root.cleanup();
  });

  const authArgs = () => agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]);

  it("refuses a wrong password", async () => {
    const r = await pcs("host", "auth", ...authArgs(), "-u", "hacluster", "-p", "wrong");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: node1: Username and\/or password is incorrect/m);
  });

  it("authenticates, sets up and starts the cluster", async () => {
    const auth = await pcs("host", "auth", ...authArgs(), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.stderr).toBe("");
    expect(auth.code).toBe(0);
    expect(auth.stdout).toMatch(/node1: Authorized \(host key SHA256:[A-Za-z0-9+/]+\)/);
    const setup = await pcs("cluster", "setup", "mycluster", "node1", "node2", "node3", "totem", "token=1000", "--start");
    expect(setup.code).toBe(0);
    expect(readFileSync(join(agents[0].dir, "corosync.conf"), "utf8")).toContain("    token: 1000\n");
    await waitFor(async () => (await pcs("cluster", "status")).stdout.includes("Online: [ node1 node2 node3 ]"), 10000, "all nodes online");
    expect((await pcs("status")).stdout).toContain("Online: [ node1 node2 node3 ]");
    const cib = await pcs("cluster", "cib");
    expect(cib.stdout).toContain('<node_state id="3" uname="node3" in_ccm="true" crmd="online"');
  });

  it("lands twenty concurrent changes on every node", async () => {
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => pcs("resource", "create", `d${i}`, "ocf:heartbeat:Dummy", "--disabled")));
    for (const r of runs) expect(r).toMatchObject({ code: 0, stderr: "" });
    const wanted = Array.from({ length: 20 }, (_, i) => `d${i}`).sort();
    await waitFor(() => agents.every((a) => primitiveIds(cibOf(a)).join() === wanted.join()), 5000, "replication");
    const epochs = agents.map((a) => epochOf(cibOf(a)));
    expect(new Set(epochs).size).toBe(1);
  });

  it("lands a hundred concurrent writers, none lost", async () => {
    const runs = await Promise.all(Array.from({ length: 100 }, (_, i) => pcs("alert", "create", "path=/usr/bin/true", `id=many${i}`)));
    const failed = runs.filter((r) => r.code !== 0);
    expect(failed.map((r) => r.stderr)).toEqual([]);
    const wanted = Array.from({ length: 100 }, (_, i) => `many${i}`).sort();
    // every acknowledged change is in the cluster's CIB at once (a majority holds it) ...
    const cluster = await pcs("cluster", "cib");
    expect(wanted.filter((id) => !alertIds(cluster.stdout).includes(id))).toEqual([]);
    // ... and reaches every node's copy (a node that lagged catches up; on a loaded machine that takes a while)
    const missing = () => agents.map((a) => wanted.filter((id) => !alertIds(cibOf(a)).includes(id)));
    await waitFor(() => missing().every((m) => m.length === 0), 60000, "replication of all hundred").catch((e: Error) => {
      throw new Error(`${e.message}; missing per node: ${JSON.stringify(missing())}`);
    });
  });

  it("serves later commands through one multiplexed connection per node", async () => {
    await waitFor(() => muxSockets().length > 0, 5000, "a multiplexer");
    const r = await pcs("--debug", "resource", "create", "via-mux", "ocf:heartbeat:Dummy", "--disabled");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/connected to node\d \(multiplexed\)/);
    expect(statSync(muxDir).mode & 0o777).toBe(0o700);
    for (const socket of muxSockets()) expect(statSync(join(muxDir, socket)).mode & 0o777).toBe(0o600);
    // cluster status asks every node: each gets its multiplexer
    expect((await pcs("cluster", "status")).code).toBe(0);
    await waitFor(() => muxSockets().length === 3, 5000, "a multiplexer per node");
  });

  it("keeps working with a node killed, which catches up after restart", async () => {
    const victim = agents[2];
    await stopAgent(victim, "SIGKILL");
    // its multiplexer goes with the connection
    await waitFor(() => muxSockets().length === 2, 5000, "the dead node's multiplexer to exit");
    for (let i = 20; i < 25; i++) {
      const r = await pcs("alert", "create", "path=/bin/true", `id=a${i}`);
      expect(r).toMatchObject({ code: 0, stderr: "" });
    }
    expect(alertIds(cibOf(victim))).not.toContain("a24");
    agents[2] = await startAgent(victim.name, victim.dir, victim.port);
    await waitFor(() => alertIds(cibOf(agents[2])).includes("a24") && epochOf(cibOf(agents[2])) === epochOf(cibOf(agents[0])), 10000, "catch-up");
  });

  it("does not hang on a frozen DC", async () => {
    const dc = agents[0];
    dc.child.kill("SIGSTOP");
    try {
      const started = Date.now();
      const r = await pcs("--request-timeout=8", "alert", "create", "path=/bin/true", "id=frozen");
      expect(r).toMatchObject({ code: 0, stderr: "" });
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      dc.child.kill("SIGCONT");
    }
    await waitFor(() => alertIds(cibOf(dc)).includes("frozen"), 10000, "the frozen node to catch up");
  });

  it("pushes a CIB edited offline, as a patch against the original", async () => {
    const original = join(root.dir, "original.xml");
    const edited = join(root.dir, "edited.xml");
    expect((await pcs("cluster", "cib", original)).code).toBe(0);
    expect((await pcs("cluster", "cib", edited)).code).toBe(0);
    expect((await pcs("-f", edited, "alert", "create", "path=/bin/false", "id=pushed")).code).toBe(0);
    const push = await pcs("cluster", "cib-push", edited, `diff-against=${original}`);
    expect(push).toMatchObject({ code: 0, stderr: "CIB updated\n" });
    await waitFor(() => agents.every((a) => alertIds(cibOf(a)).includes("pushed")), 5000, "the pushed change everywhere");
    const quorum = await pcs("quorum", "status");
    expect(quorum.stdout).toMatch(/^Quorate: +Yes$/m);
  });

  it("refuses an SSH login without an authorized key", async () => {
    const stranger = generateKeyPair();
    const attempt = connect({ host: "127.0.0.1", port: agents[0].port, privateKey: stranger.private, timeoutMs: 5000 });
    await expect(attempt).rejects.toBeInstanceOf(TransportError);
    await expect(attempt).rejects.toMatchObject({ kind: "auth" });
  });

  it("refuses an impostor with a new host key at a known address", async () => {
    const real = agents[1];
    await stopAgent(real, "SIGKILL");
    const impostorDir = join(root.dir, "impostor");
    setPassword(impostorDir, PASSWORD);
    agents[1] = await startAgent("impostor", impostorDir, real.port);
    const auth = await pcs("host", "auth", "node2", "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(1);
    expect(auth.stderr).toMatch(/^Error: node2: the host key has changed/m);
    const status = await pcs("cluster", "status");
    expect(status.code).toBe(1);
    expect(status.stderr).toContain("host key has changed");
  });
});
