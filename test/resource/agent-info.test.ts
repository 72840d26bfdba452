// pcs resource get_resource_agent_info: the agent's metadata as pcsd reads it, in the form pcs
// 0.11.5 prints (Python's json.dumps layout; values checked against pcs's output for this agent).
import { pythonJson } from "../../src/commands/resource/agent-info";
import { runPcs } from "../helpers/cli";

test("JSON laid out as Python writes it", () => {
  expect(pythonJson({ a: [1, true, null], "b c": "caf\u00e9 \"q\"\n" })).toBe('{"a": [1, true, null], "b c": "caf\\u00e9 \\"q\\"\\n"}');
});

describe("get_resource_agent_info", () => {
  test("ocf:pacemaker:Dummy (pacemaker's agent, installed with pacemaker-resource-agents)", () => {
    const r = runPcs(["resource", "get_resource_agent_info", "ocf:pacemaker:Dummy"]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    expect(r.stdout.startsWith('{"shortdesc": "Example stateless resource agent", "longdesc": ')).toBe(true);
    const info = JSON.parse(r.stdout);
    expect(Object.keys(info)).toEqual(["shortdesc", "longdesc", "parameters", "actions", "name", "standard", "provider", "type", "default_actions"]);
    expect([info.name, info.standard, info.provider, info.type]).toEqual(["ocf:pacemaker:Dummy", "ocf", "pacemaker", "Dummy"]);
    expect(info.parameters[0]).toEqual({
      name: "state",
      shortdesc: "State file",
      longdesc: "Location to store the resource state in.",
      type: "string",
      default: "/var/run/Dummy-Dummy.state",
      enum_values: null,
      required: false,
      advanced: false,
      deprecated: false,
      deprecated_by: [],
      deprecated_desc: null,
      unique_group: "state",
      reloadable: false,
    });
    expect(info.actions[2]).toEqual({ name: "monitor", timeout: "20s", interval: "10s", role: null, "start-delay": null, OCF_CHECK_LEVEL: null, automatic: false, on_target: false });
    expect(info.default_actions.map((a: { name: string; interval: string }) => `${a.name}/${a.interval}`)).toEqual([
      "start/0s",
      "stop/0s",
      "monitor/10s",
      "reload/0s",
      "reload-agent/0s",
      "migrate_to/0s",
      "migrate_from/0s",
    ]);
    expect(Object.keys(info.default_actions[0])).toEqual(["OCF_CHECK_LEVEL", "automatic", "on_target", "name", "interval", "timeout", "role", "start-delay"]);
  });

  test.each([
    [["nonexist"], "Error: Unable to find agent 'nonexist', try specifying its full name\nError: Errors have occurred, therefore pcs is unable to continue\n"],
    [["Dummy"], "Error: Multiple agents match 'Dummy', please specify full name: 'ocf:heartbeat:Dummy' or 'ocf:pacemaker:Dummy'\nError: Errors have occurred, therefore pcs is unable to continue\n"],
    [[], "Error: One parameter expected\n"],
  ])("%j is refused as pcs refuses it", (args, stderr) => {
    const r = runPcs(["resource", "get_resource_agent_info", ...args]);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 1, stdout: "", stderr });
  });
});
