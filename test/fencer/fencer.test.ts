// createFencer against tiny fence agents of our own: device selection, topology, retries, timeouts,
// delays, executor choice, and the entries it records and broadcasts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createFencer, type FencerDeps } from "../../src/cluster/fencer/fencer";
import type { DeviceActionRequest, FenceHistoryEntry } from "../../src/cluster/fencer/types";
import type { XmlElement } from "../../src/cib/xml";
import { cib, invocations, remove, tempDir, writeFenceAgent, type DeviceSpec } from "./helpers";

let dir: string;
let saved: string | undefined;
let counter = 0;

beforeAll(() => {
  dir = tempDir();
  saved = process.env.PCS_LITE_FENCE_DIR;
  process.env.PCS_LITE_FENCE_DIR = dir;
  writeFenceAgent(dir, "fence_full");
  writeFenceAgent(dir, "fence_statusonly", { actions: ["on", "off", "reboot", "status", "monitor", "metadata"] });
  writeFenceAgent(dir, "fence_bare", { actions: ["on", "off", "reboot", "monitor", "metadata"] });
  writeFenceAgent(dir, "fence_plug", { parameters: ["plug"] });
});
afterAll(() => {
  if (saved === undefined) delete process.env.PCS_LITE_FENCE_DIR;
  else process.env.PCS_LITE_FENCE_DIR = saved;
  remove(dir);
});

/** A fresh log file and rc directory for one device; `rc` maps agent actions to exit codes ("x.once" for one call). */
function agentFiles(rc: Record<string, string> = {}) {
  const rcdir = join(dir, `rc${++counter}`);
  mkdirSync(rcdir);
  for (const [file, value] of Object.entries(rc)) writeFileSync(join(rcdir, file), value);
  return { log: join(dir, `log${counter}`), rcdir };
}

function harness(doc: XmlElement, o: { members?: string[]; local?: string; random?: () => number; runOn?: FencerDeps["runOn"] } = {}) {
  const calls: { node: string; req: DeviceActionRequest }[] = [];
  const broadcasts: FenceHistoryEntry[] = [];
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const fencer = createFencer({
    log: (event, fields = {}) => events.push({ event, fields }),
    localName: () => o.local ?? "node1",
    members: () => new Set(o.members ?? ["node1", "node2", "node3"]),
    cib: () => doc,
    runOn: async (node, req) => {
      calls.push({ node, req });
      return o.runOn ? o.runOn(node, req) : fencer.execute(req);
    },
    broadcast: (entry) => broadcasts.push(entry),
    random: o.random,
    retryPauseMs: 10,
  });
  const fence = (target: string, action: "reboot" | "off" | "on" = "reboot") => fencer.fence({ target, action, origin: "node1", client: "stonith_admin.42" });
  return { fencer, fence, calls, broadcasts, events };
}

const FENCE_DUMMY = "/usr/sbin/fence_dummy";
const withFenceDummy = existsSync(FENCE_DUMMY) || process.env.CI ? test : test.skip;

const actions = (log: string) => invocations(log).map((i) => i.action);

describe("choosing devices", () => {
  test("static lists and host maps; the stdin options are the mapped action, nodename, the mapped port and the device's parameters", async () => {
    const a = agentFiles();
    const b = agentFiles();
    const devices: DeviceSpec[] = [
      { id: "a", agent: "fence_full", attrs: { pcmk_host_list: "node2", log: a.log } },
      { id: "b", agent: "fence_full", attrs: { pcmk_host_map: "node3:port3;node2:port2", pcmk_reboot_action: "off", ip: "10.1.1.1", log: b.log } },
    ];
    const h = harness(cib({ devices }));
    const entry = await h.fence("node3");
    expect(entry).toMatchObject({ target: "node3", action: "reboot", state: "done", device: "b", delegate: "node1", origin: "node1", client: "stonith_admin.42" });
    expect(entry.completedAt).toBeGreaterThanOrEqual(entry.requestedAt);
    expect(invocations(b.log)).toEqual([{ action: "off", nodename: "node3", port: "port3", ip: "10.1.1.1", log: b.log }]);
    expect(invocations(a.log)).toEqual([]);
    expect(h.broadcasts.map((e) => [e.id, e.state])).toEqual([
      [entry.id, "pending"],
      [entry.id, "done"],
    ]);
    expect(h.fencer.history("node3")).toEqual([entry]);
  });

  test("dynamic-list runs the agent's list (kept 60 s) and fences only what it lists", async () => {
    const wide = agentFiles({ "list-output": "node2\n3,node3\n" });
    const narrow = agentFiles({ "list-output": "node2\n" });
    const devices: DeviceSpec[] = [
      { id: "wide", agent: "fence_full", attrs: { ...wide } },
      { id: "narrow", agent: "fence_full", attrs: { ...narrow, priority: "10" } },
    ];
    const h = harness(cib({ devices }));
    expect(await h.fence("node3")).toMatchObject({ state: "done", device: "wide" });
    expect(await h.fence("node2")).toMatchObject({ state: "done", device: "narrow" });
    expect(actions(wide.log)).toEqual(["list", "reboot"]);
    expect(actions(narrow.log)).toEqual(["list", "reboot"]);
    expect(invocations(wide.log)[1]).toMatchObject({ nodename: "node3", port: "node3" });
  });

  test("status decides for agents without list: 0 or 2 mean it controls the target", async () => {
    const no = agentFiles({ status: "1" });
    const yes = agentFiles({ status: "2" });
    const devices: DeviceSpec[] = [
      { id: "a-unknown", agent: "fence_statusonly", attrs: { ...no } },
      { id: "b-off", agent: "fence_statusonly", attrs: { ...yes } },
    ];
    const h = harness(cib({ devices }));
    expect(await h.fence("node2", "off")).toMatchObject({ state: "done", device: "b-off" });
    expect(actions(no.log)).toEqual(["status"]);
    expect(actions(yes.log)).toEqual(["status", "off"]);
    expect(invocations(yes.log)[0]).toMatchObject({ action: "status", nodename: "node2", port: "node2" });
  });

  test("an agent with neither list nor status can fence anyone; a list failure falls back to status", async () => {
    const bare = agentFiles();
    const h = harness(cib({ devices: [{ id: "bare", agent: "fence_bare", attrs: { ...bare } }] }));
    expect(await h.fence("node3")).toMatchObject({ state: "done", device: "bare" });
    expect(actions(bare.log)).toEqual(["reboot"]);

    const broken = agentFiles({ "list-output": "node2\n", "list.once": "1", status: "0" });
    const h2 = harness(cib({ devices: [{ id: "broken", agent: "fence_full", attrs: { ...broken } }] }));
    expect(await h2.fence("node2")).toMatchObject({ state: "failed" });
    expect(await h2.fence("node2")).toMatchObject({ state: "done" });
    expect(actions(broken.log)).toEqual(["list", "status", "reboot"]);
  });

  test("no device for the target, an unknown target, a disabled device: failed entries with the reason", async () => {
    const f = agentFiles();
    const devices: DeviceSpec[] = [
      { id: "only1", agent: "fence_full", attrs: { pcmk_host_list: "node1", ...f } },
      { id: "stopped", agent: "fence_bare", attrs: { ...f }, meta: { "target-role": "Stopped" } },
    ];
    const h = harness(cib({ devices }));
    const none = await h.fence("node3");
    expect(none).toMatchObject({ state: "failed", exitReason: "No fence device can fence node3" });
    expect(none.completedAt).toBeDefined();
    expect(await h.fence("node9")).toMatchObject({ state: "failed", exitReason: "node9 is not a node of this cluster" });
    expect(invocations(f.log)).toEqual([]);
    expect(h.broadcasts.filter((e) => e.state === "failed")).toHaveLength(2);
  });

  test("devices are tried by priority, then id, until one succeeds", async () => {
    const first = agentFiles({ reboot: "1" });
    const second = agentFiles();
    const third = agentFiles();
    const devices: DeviceSpec[] = [
      { id: "c", agent: "fence_bare", attrs: { ...third } },
      { id: "b", agent: "fence_bare", attrs: { ...second } },
      { id: "a", agent: "fence_bare", attrs: { ...first, priority: "3" } },
    ];
    const h = harness(cib({ devices }));
    expect(await h.fence("node2")).toMatchObject({ state: "done", device: "b" });
    expect(actions(first.log)).toEqual(["reboot", "reboot"]);
    expect(actions(second.log)).toEqual(["reboot"]);
    expect(actions(third.log)).toEqual([]);
  });

  test("the host argument: plug for agents that take plug and not port; none when pcmk_host_argument=none", async () => {
    const plug = agentFiles();
    const quiet = agentFiles();
    const devices: DeviceSpec[] = [
      { id: "plug", agent: "fence_plug", attrs: { pcmk_host_map: "node2:outlet4", ...plug } },
      { id: "quiet", agent: "fence_full", attrs: { pcmk_host_list: "node3", pcmk_host_argument: "none", ...quiet } },
    ];
    const h = harness(cib({ devices }));
    await h.fence("node2", "off");
    await h.fence("node3", "off");
    expect(invocations(plug.log)).toEqual([{ action: "off", nodename: "node2", plug: "outlet4", ...plug }]);
    expect(invocations(quiet.log)).toEqual([{ action: "off", nodename: "node3", ...quiet }]);
  });
});

describe("topology", () => {
  test("level 1 failing, level 2 succeeding", async () => {
    const bad = agentFiles({ reboot: "1" });
    const good = agentFiles();
    const h = harness(
      cib({
        devices: [
          { id: "bad", agent: "fence_bare", attrs: { ...bad } },
          { id: "good", agent: "fence_bare", attrs: { ...good } },
        ],
        topology: `<fencing-level id="l2" target="node2" index="2" devices="good"/><fencing-level id="l1" target="node2" index="1" devices="bad"/>`,
      }),
    );
    const entry = await h.fence("node2");
    expect(entry).toMatchObject({ state: "done", device: "good", delegate: "node1" });
    expect(h.calls.map((c) => c.req.device)).toEqual(["bad", "bad", "good"]);
    expect(h.events.find((e) => e.event === "fencer.level-failed")?.fields).toMatchObject({ level: 1, reason: "reboot failed for node2" });
  });

  test("a reboot over several devices: all off in order, then all on; a failed on is ignored, pcmk_reboot_action=off stays off", async () => {
    const shared = join(dir, `shared${++counter}`);
    const p1 = agentFiles({ on: "1" });
    const p2 = agentFiles();
    const h = harness(
      cib({
        devices: [
          { id: "p1", agent: "fence_full", attrs: { pcmk_host_list: "node2", log: shared, rcdir: p1.rcdir, dev: "p1" } },
          { id: "p2", agent: "fence_full", attrs: { pcmk_host_list: "node2", pcmk_reboot_action: "off", log: shared, rcdir: p2.rcdir, dev: "p2" } },
        ],
        topology: `<fencing-level id="l1" target="node2" index="1" devices="p1,p2"/>`,
      }),
    );
    expect(await h.fence("node2")).toMatchObject({ state: "done" });
    expect(invocations(shared).map((i) => `${i.action} ${i.dev}`)).toEqual(["off p1", "off p2", "on p1", "on p1"]);
  });
});

describe("retries, deadlines and delays", () => {
  test("a failed action is tried again (pcmk_<action>_retries, default 2)", async () => {
    const flaky = agentFiles({ "off.once": "1" });
    const once = agentFiles({ off: "1" });
    const h = harness(cib({ devices: [{ id: "flaky", agent: "fence_bare", attrs: { ...flaky } }] }));
    expect(await h.fence("node2", "off")).toMatchObject({ state: "done", device: "flaky" });
    expect(actions(flaky.log)).toEqual(["off", "off"]);
    const h2 = harness(cib({ devices: [{ id: "once", agent: "fence_bare", attrs: { ...once, pcmk_off_retries: "1" } }] }));
    expect(await h2.fence("node2", "off")).toMatchObject({ state: "failed", device: "once", delegate: "node1", exitReason: "off failed for node2" });
    expect(actions(once.log)).toEqual(["off"]);
  });

  test("pcmk_<action>_timeout kills the agent at its deadline, with no retry", async () => {
    const slow = agentFiles();
    const h = harness(cib({ devices: [{ id: "slow", agent: "fence_bare", attrs: { ...slow, sleep: "5", pcmk_reboot_timeout: "300ms" } }] }));
    const t0 = Date.now();
    const entry = await h.fence("node2");
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(entry).toMatchObject({ state: "failed", exitReason: "Fence agent did not complete within 300ms" });
    expect(actions(slow.log)).toEqual(["reboot"]);
    expect(h.calls[0].req.timeoutMs).toBeLessThanOrEqual(300);
  });

  test("pcmk_delay_base + random part up to pcmk_delay_max before off and reboot, not before on", async () => {
    const f = agentFiles();
    const h = harness(cib({ devices: [{ id: "d", agent: "fence_full", attrs: { ...f, pcmk_host_list: "node2", pcmk_delay_base: "100ms", pcmk_delay_max: "500ms" } }] }), { random: () => 0.5 });
    const t0 = Date.now();
    expect(await h.fence("node2", "off")).toMatchObject({ state: "done" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(h.events.filter((e) => e.event === "fencer.delay").map((e) => e.fields.delayMs)).toEqual([300]);
    expect(await h.fence("node2", "on")).toMatchObject({ state: "done" });
    expect(h.events.filter((e) => e.event === "fencer.delay")).toHaveLength(1);
  });
});

describe("the executing node", () => {
  const bare = () => [{ id: "d", agent: "fence_bare", attrs: { ...agentFiles() } }];

  test("never the target: fencing the local node runs the device elsewhere", async () => {
    const h = harness(cib({ devices: bare() }), { members: ["node1", "node2"] });
    expect(await h.fence("node1")).toMatchObject({ state: "done", delegate: "node2" });
    expect(h.calls.map((c) => c.node)).toEqual(["node2"]);
  });

  test("not a node the device is banned from; a node where the device runs comes first", async () => {
    const banned = harness(cib({ devices: bare(), constraints: `<rsc_location id="l" rsc="d" node="node1" score="-INFINITY"/>` }));
    expect(await banned.fence("node3")).toMatchObject({ state: "done", delegate: "node2" });
    const status = `<node_state id="3" uname="node3"><lrm id="3"><lrm_resources><lrm_resource id="d" class="stonith" type="fence_bare"><lrm_rsc_op id="d_last_0" operation="start" call-id="4" rc-code="0"/></lrm_resource></lrm_resources></lrm></node_state>`;
    const running = harness(cib({ devices: bare(), status }));
    expect(await running.fence("node2")).toMatchObject({ state: "done", delegate: "node3" });
  });

  test("no member may run any device: failed", async () => {
    const h = harness(cib({ devices: bare(), constraints: `<rsc_location id="l" rsc="d" node="node1" score="-INFINITY"/>` }), { members: ["node1", "node2"] });
    expect(await h.fence("node2")).toMatchObject({ state: "failed", exitReason: "No fence device can fence node2" });
    expect(h.calls).toEqual([]);
  });

  test("a node that cannot be reached is passed over for the next", async () => {
    const h = harness(cib({ devices: bare() }), {
      runOn: async (node, req) => {
        if (node === "node1") throw new Error("link down");
        return h.fencer.execute(req);
      },
    });
    expect(await h.fence("node3")).toMatchObject({ state: "done", delegate: "node2" });
    expect(h.calls.map((c) => c.node)).toEqual(["node1", "node2"]);
  });
});

describe("operations and history", () => {
  test("a second request for the same target and action waits for the first and shares its result", async () => {
    const f = agentFiles();
    const h = harness(cib({ devices: [{ id: "d", agent: "fence_bare", attrs: { ...f, sleep: "0.2", rcdir: f.rcdir } }] }));
    const [one, two] = await Promise.all([h.fence("node2"), h.fence("node2")]);
    expect(one.id).not.toBe(two.id);
    expect([one.state, two.state]).toEqual(["done", "done"]);
    expect(two).toMatchObject({ device: "d", delegate: "node1" });
    expect(actions(f.log)).toEqual(["reboot"]);
    expect(h.fencer.history("node2")).toHaveLength(2);
  });

  test("confirm records a done off for the target and tells the others", () => {
    const h = harness(cib({}));
    const entry = h.fencer.confirm("node3", "node1", "stonith_admin.7");
    expect(entry).toMatchObject({ target: "node3", action: "off", state: "done", delegate: "node1", origin: "node1", client: "stonith_admin.7" });
    expect(h.broadcasts).toEqual([entry]);
    expect(h.fencer.history()).toEqual([entry]);
  });

  test("record, merge and cleanup: pending entries survive a cleanup", () => {
    const h = harness(cib({}));
    const base = { action: "reboot" as const, origin: "node2", client: "c", requestedAt: 1000 };
    h.fencer.record({ ...base, id: "p", target: "node3", state: "pending" });
    h.fencer.merge([
      { ...base, id: "d", target: "node3", state: "done", completedAt: 2000 },
      { ...base, id: "f", target: "node1", state: "failed", completedAt: 3000 },
    ]);
    expect(h.fencer.history().map((e) => e.id)).toEqual(["p", "f", "d"]);
    expect(h.fencer.cleanup("node3")).toBe(1);
    expect(h.fencer.history().map((e) => e.id)).toEqual(["p", "f"]);
    expect(h.fencer.cleanup()).toBe(1);
    expect(h.fencer.history().map((e) => e.id)).toEqual(["p"]);
  });

  test("stop() kills running agents and fails what comes after", async () => {
    const f = agentFiles();
    const h = harness(cib({ devices: [{ id: "d", agent: "fence_bare", attrs: { ...f } }] }));
    const running = h.fencer.execute({ device: "d", agent: "fence_bare", action: "off", args: { action: "off", sleep: "20", rcdir: f.rcdir }, timeoutMs: 30000 });
    setTimeout(() => h.fencer.stop(), 100);
    const t0 = Date.now();
    expect(await running).toMatchObject({ status: "error", reason: "Fence agent was cancelled" });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await h.fence("node2")).toMatchObject({ state: "failed", exitReason: "Fencer is stopped" });
  });
});

describe("with the installed fence-agents", () => {
  withFenceDummy("fence_dummy turns node2 off through a static host list, and back on", async () => {
    expect(existsSync(FENCE_DUMMY)).toBe(true);
    const status_file = join(dir, `dummy${++counter}.status`);
    writeFileSync(status_file, "on");
    const h = harness(cib({ devices: [{ id: "dummy", agent: "fence_dummy", attrs: { type: "file", status_file, pcmk_host_list: "node2" } }] }));
    expect(await h.fence("node2", "off")).toMatchObject({ state: "done", device: "dummy", delegate: "node1" });
    expect(readFileSync(status_file, "utf8")).toBe("off");
    expect(await h.fence("node2", "on")).toMatchObject({ state: "done" });
    expect(readFileSync(status_file, "utf8")).toBe("on");
    expect(await h.fence("node3", "off")).toMatchObject({ state: "failed", exitReason: "No fence device can fence node3" });
  });
});
