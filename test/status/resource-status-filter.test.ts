// pcs resource status / status resources / stonith status with a resource or tag id and node=: crm_mon's
// --resource and --node filters on a CIB with running resources, as pcs 0.11.5 prints them (each case is
// also compared with the real pcs where it is installed, and must be under CI).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cibSession, haveTool, runPcs } from "../helpers/cli";
import { statusCib } from "./offline-cib";

const TAGGED = statusCib().replace("</constraints>", '</constraints><tags><tag id="T"><obj_ref id="B"/><obj_ref id="D"/></tag></tags>');

const line = (id: string, state: string, agent = "ocf:pacemaker:Dummy", indent = "  ") => `${indent}* ${id}\t(${agent}):\t ${state}`;

const CASES: [string[], string[]][] = [
  // an active resource elsewhere is left out, an inactive one never; a clone keeps the instances of that node
  [["node=node2"], [
    "  * Resource Group: G:", line("B", "Started node2", undefined, "    "), line("C", "Stopped (disabled)", undefined, "    "),
    "  * Clone Set: D-clone [D]:", "    * Started: [ node2 ]",
    "  * Clone Set: S-clone [S] (promotable):", "    * Unpromoted: [ node2 ]",
  ]],
  // node names match without case
  [["node=NODE1", "--hide-inactive"], [line("A", "FAILED node1"), "  * Clone Set: D-clone [D]:", "    * Started: [ node1 ]", "  * Clone Set: S-clone [S] (promotable):", "    * Promoted: [ node1 ]"]],
  // a node without resources: every resource here is (partly) active elsewhere
  [["node=node3"], ["No active resources"]],
  // a group member alone, under its group's header
  [["C"], ["  * Resource Group: G:", line("C", "Stopped (disabled)", undefined, "    ")]],
  // named, a member shows even when inactive: its group is partly active
  [["C", "--hide-inactive"], ["  * Resource Group: G (1 member inactive):", line("C", "Stopped (disabled)", undefined, "    ")]],
  [["G", "--hide-inactive"], ["  * Resource Group: G (1 member inactive):", line("B", "Started node2", undefined, "    ")]],
  // the clone's primitive id shows the clone; with a node, that node's part of it
  [["D", "node=node1"], ["  * Clone Set: D-clone [D]:", "    * Started: [ node1 ]"]],
  // an active clone running on none of the nodes asked for is left out whole
  [["S-clone", "node=node4"], ["No active resources"]],
  // one instance: the nodes of the others are not stopped ones
  [["D:1"], ["  * Clone Set: D-clone [D]:", "    * Started: [ node2 ]", "    * Stopped: [ node3 node4 ]"]],
  // a tag: each of its resources where it is
  [["T"], ["  * Resource Group: G:", line("B", "Started node2", undefined, "    "), "  * Clone Set: D-clone [D]:", "    * Started: [ node1 node2 ]", "    * Stopped: [ node3 node4 ]"]],
  [["T", "node=node1"], ["  * Clone Set: D-clone [D]:", "    * Started: [ node1 ]"]],
  [["A", "node=node2"], ["No active resources"]],
];

describe("resource status filters", () => {
  const s = cibSession();
  writeFileSync(s.file, TAGGED);
  const real = haveTool("pcs");
  afterAll(() => s.cleanup());

  test.each(CASES)("resource status %j", (args, expected) => {
    const r = runPcs(["-f", s.file, "resource", "status", ...args]);
    expect(r).toEqual({ code: 0, stdout: `${expected.join("\n")}\n`, stderr: "" });
    if (real) expect(r.stdout).toBe(spawnSync("pcs", ["-f", s.file, "resource", "status", ...args], { encoding: "utf8" }).stdout);
  });

  test("status resources and stonith status filter alike; stonith status with a node lists no levels", () => {
    for (const [command, args] of [["status resources", ["node=node2"]], ["stonith status", ["node=node1"]], ["stonith status", ["T"]]] as const) {
      const r = runPcs(["-f", s.file, ...command.split(" "), ...args]);
      expect(r.code).toBe(0);
      if (real) expect(r.stdout).toBe(spawnSync("pcs", ["-f", s.file, ...command.split(" "), ...args], { encoding: "utf8" }).stdout);
    }
  });

  test("the node option as pcs reads it", () => {
    const err = (...args: string[]) => runPcs(["-f", s.file, "resource", "status", ...args]).stderr;
    expect(err("=node")).toBe("Error: missing key in '=node' option\n");
    expect(err("node=node1", "node=node2")).toBe("Error: duplicate option 'node' with different values 'node1' and 'node2'\n");
    expect(err("A", "B")).toBe("Error: missing value of 'B' option\n");
    expect(err("node=")).toBe("Error: missing value of 'node' option\n");
    expect(err("A", "node=node1", "x=y")).toMatch(/^\nUsage: pcs resource /);
    expect(runPcs(["-f", s.file, "resource", "status", "node=node1", "node=node1"]).code).toBe(0);
  });
});
