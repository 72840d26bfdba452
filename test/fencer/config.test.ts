// Reading fence devices, topology and cluster options from a CIB, and fenced's rules for targets and arguments.
import { fenceDevices } from "../../src/cluster/fencer/devices";
import { fencingLevels } from "../../src/cluster/fencer/topology";
import { stonithTimeoutMs } from "../../src/cluster/fencer/cluster-config";
import { agentArguments, hostArgument, hostCheck, parseHostMap, parseTargetList, portFor, staticListHas } from "../../src/cluster/fencer/targets";
import { fencingDelayMs, planDeviceAction } from "../../src/cluster/fencer/device-request";
import { parseCapabilities } from "../../src/cluster/fencer/agent-metadata";
import { cib, primitive } from "./helpers";

const caps = (actions: string[], parameters: string[] = ["port"]) => ({ actions: new Set(actions), parameters: new Set(parameters) });

describe("fence devices in the CIB", () => {
  const doc = cib({
    resources:
      primitive({ id: "plain", agent: "fence_a", attrs: { ip: "10.0.0.1", pcmk_host_list: "node1 node2", pcmk_reboot_timeout: "90s", priority: "5", action: "off", crm_feature_set: "3.16.1" } }) +
      `<group id="g">${primitive({ id: "in-group", agent: "fence_b" })}<meta_attributes id="g-ma"><nvpair id="g-ma-1" name="target-role" value="Stopped"/></meta_attributes></group>` +
      `<clone id="c">${primitive({ id: "in-clone", agent: "fence_c" })}</clone>` +
      `<primitive id="not-stonith" class="ocf" provider="heartbeat" type="Dummy"/>` +
      primitive({ id: "off", agent: "fence_d", meta: { "target-role": "Stopped", priority: "7" } }),
    constraints: `<rsc_location id="l1" rsc="plain" node="node3" score="-INFINITY"/><rsc_location id="l2" rsc="c" node="node1" score="-100"/><rsc_location id="l3" rsc="plain" node="node1" score="50"/>`,
  });
  const devices = fenceDevices(doc);
  const byId = Object.fromEntries(devices.map((d) => [d.id, d]));

  test("every stonith primitive, in groups and clones too, with the agent's parameters apart from Pacemaker's options", () => {
    expect(devices.map((d) => d.id)).toEqual(["plain", "in-group", "in-clone", "off"]);
    expect(byId.plain).toMatchObject({
      agent: "fence_a",
      params: { ip: "10.0.0.1" },
      pcmk: { pcmk_host_list: "node1 node2", pcmk_reboot_timeout: "90s", priority: "5", pcmk_reboot_action: "off" },
      priority: 5,
      disabled: false,
    });
    expect(byId.off.priority).toBe(7);
  });

  test("disabled by target-role=Stopped on the device or its group; banned where a location score is negative", () => {
    expect(devices.filter((d) => d.disabled).map((d) => d.id)).toEqual(["in-group", "off"]);
    expect(["node1", "node2", "node3"].filter((n) => byId.plain.bannedOn(n))).toEqual(["node3"]);
    expect(["node1", "node2", "node3"].filter((n) => byId["in-clone"].bannedOn(n))).toEqual(["node1"]);
  });

  test("an opt-in cluster allows a device only where a location constraint lets it run", () => {
    const optIn = cib({
      devices: [{ id: "d", agent: "fence_a" }],
      properties: { "symmetric-cluster": "false" },
      constraints: `<rsc_location id="l" rsc="d" node="node2" score="0"/>`,
    });
    const [d] = fenceDevices(optIn);
    expect(["node1", "node2", "node3"].filter((n) => !d.bannedOn(n))).toEqual(["node2"]);
  });

  test("stonith-timeout: the cluster property, else 60 s", () => {
    expect(stonithTimeoutMs(cib({}))).toBe(60000);
    expect(stonithTimeoutMs(cib({ properties: { "stonith-timeout": "2min" } }))).toBe(120000);
    expect(stonithTimeoutMs(cib({ properties: { "stonith-timeout": "90" } }))).toBe(90000);
    expect(stonithTimeoutMs(cib({ properties: { "stonith-timeout": "1500ms" } }))).toBe(1500);
    expect(stonithTimeoutMs(cib({ properties: { "stonith-timeout": "PT1M30S" } }))).toBe(90000);
  });
});

describe("fencing topology", () => {
  const doc = cib({
    nodeAttributes: { node3: { rack: "r1" } },
    topology:
      `<fencing-level id="a2" target="node1" index="2" devices="d3"/>` +
      `<fencing-level id="a1" target="node1" index="1" devices="d1, d2"/>` +
      `<fencing-level id="p1" target-pattern="^node[12]$" index="1" devices="pat"/>` +
      `<fencing-level id="r1" target-attribute="rack" target-value="r1" index="1" devices="rackdev"/>`,
  });

  test("levels registered for the name win, sorted by index", () => {
    expect(fencingLevels(doc, "node1")).toEqual([
      { index: 1, devices: ["d1", "d2"] },
      { index: 2, devices: ["d3"] },
    ]);
  });

  test("else a matching target-pattern or node attribute; else none", () => {
    expect(fencingLevels(doc, "node2")).toEqual([{ index: 1, devices: ["pat"] }]);
    expect(fencingLevels(doc, "node3")).toEqual([{ index: 1, devices: ["rackdev"] }]);
    expect(fencingLevels(doc, "node4")).toEqual([]);
  });
});

describe("targets and arguments, by fenced's rules", () => {
  const device = (pcmk: Record<string, string>, params: Record<string, string> = {}, agent = "fence_x") => ({ id: "d", agent, params, pcmk, priority: 0, disabled: false, bannedOn: () => false });

  test("host lists and agent list output: white space, commas and semicolons; status words and complaints skipped", () => {
    expect(parseTargetList("node1,node2; node3\tnode4")).toEqual(["node1", "node2", "node3", "node4"]);
    expect(parseTargetList("1,node1\n2,node2,on\nParse error: invalid option\nnode-5.example:extra\n")).toEqual(["1", "node1", "2", "node2", "node-5.example"]);
  });

  test("host maps: ':' or '=', entries split by ';' or blanks, commas kept, backslash escapes, names without case", () => {
    expect([...parseHostMap("node1:1;node2=2,3 Node3:a\\;b")]).toEqual([
      ["node1", "1"],
      ["node2", "2,3"],
      ["node3", "a;b"],
    ]);
    const d = device({ pcmk_host_map: "node1:p1;NODE2:p2" });
    expect(portFor(d, "node2")).toBe("p2");
    expect(portFor(d, "node9")).toBe("node9");
    expect(staticListHas(d, "node1")).toBe(true);
    expect(staticListHas(d, "node9")).toBe(false);
    expect(staticListHas(device({ pcmk_host_list: "node1,node2" }), "NODE2")).toBe(true);
  });

  test("pcmk_host_check: static-list with a host list or map, else dynamic-list when the agent lists, else status, else none", () => {
    expect(hostCheck(device({ pcmk_host_list: "a" }), caps(["list"]))).toBe("static-list");
    expect(hostCheck(device({ pcmk_host_map: "a:1" }), undefined)).toBe("static-list");
    expect(hostCheck(device({}), caps(["list", "status"]))).toBe("dynamic-list");
    expect(hostCheck(device({}), caps(["status"]))).toBe("status");
    expect(hostCheck(device({}), caps(["off"]))).toBe("none");
    expect(hostCheck(device({}), undefined)).toBe("none");
    expect(hostCheck(device({ pcmk_host_check: "None", pcmk_host_list: "a" }), undefined)).toBe("none");
  });

  test("the host argument: port, plug for agents that have plug but no port, what pcmk_host_argument says, none", () => {
    expect(hostArgument(device({}), caps([], ["port", "plug"]))).toBe("port");
    expect(hostArgument(device({}), caps([], ["plug"]))).toBe("plug");
    expect(hostArgument(device({}), caps([], []))).toBe("port");
    expect(hostArgument(device({ pcmk_host_argument: "uuid" }), caps([], ["plug"]))).toBe("uuid");
    expect(hostArgument(device({ pcmk_host_argument: "none" }), undefined)).toBeUndefined();
  });

  test("arguments: the mapped action, nodename, the port from the host map, then the device's parameters", () => {
    const d = device({ pcmk_host_map: "node2:7", pcmk_off_action: "poweroff" }, { ip: "1.2.3.4", login: "admin" });
    expect(agentArguments(d, caps(["off"]), "off", "node2")).toEqual({ action: "poweroff", nodename: "node2", port: "7", ip: "1.2.3.4", login: "admin" });
    expect(Object.keys(agentArguments(d, caps(["off"]), "off", "node2"))).toEqual(["action", "nodename", "port", "ip", "login"]);
    expect(agentArguments(d, caps(["list"]), "list")).toEqual({ action: "list", ip: "1.2.3.4", login: "admin" });
    // a port the device sets itself stays
    expect(agentArguments(device({}, { port: "fixed" }), undefined, "reboot", "node1")).toEqual({ action: "reboot", nodename: "node1", port: "fixed" });
    expect(agentArguments(device({}, { port: "dynamic" }), undefined, "reboot", "node1").port).toBe("node1");
    expect(agentArguments(device({}), caps([], ["nodeid", "port"]), "off", "node1", "3")).toEqual({ action: "off", nodename: "node1", nodeid: "3", port: "node1" });
  });

  test("planning: reboot becomes off for agents without reboot; timeout and retries per action; delays only before reboot and off", () => {
    const d = device({ pcmk_off_timeout: "5s", pcmk_off_retries: "4", pcmk_delay_base: "1s", pcmk_delay_max: "3s" });
    const plan = planDeviceAction(d, caps(["off", "on"]), "reboot", "node2", { defaultTimeoutMs: 60000, random: () => 0.5 });
    expect(plan).toMatchObject({ action: "off", tries: 4, delayMs: 2000, request: { action: "off", timeoutMs: 5000, target: "node2" } });
    const on = planDeviceAction(d, caps(["off", "on"]), "on", "node2", { defaultTimeoutMs: 60000, random: () => 0.5 });
    expect(on).toMatchObject({ tries: 2, delayMs: 0, request: { timeoutMs: 60000 } });
    expect(fencingDelayMs(device({ pcmk_delay_base: "node1:2s;node2:4s" }), "off", "node2", () => 0.9)).toBe(4000);
    expect(fencingDelayMs(device({ pcmk_delay_base: "5s", pcmk_delay_max: "2s" }), "off", "node2", () => 0)).toBe(2000);
    expect(fencingDelayMs(device({ pcmk_delay_max: "1s" }), "reboot", "node2", () => 0.25)).toBe(250);
  });

  test("metadata: the actions and parameters an agent declares", () => {
    const parsed = parseCapabilities(`<?xml version="1.0" ?>\n<resource-agent name="f"><parameters><parameter name="plug"/></parameters><actions><action name="on"/><action name="list"/></actions></resource-agent>`);
    expect(parsed && [...parsed.actions]).toEqual(["on", "list"]);
    expect(parsed && [...parsed.parameters]).toEqual(["plug"]);
    expect(parseCapabilities("not xml")).toBeUndefined();
  });
});
