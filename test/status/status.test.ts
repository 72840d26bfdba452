// pcs status views and pcs simulate on a CIB with a status section, compared with the real tools.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cibSession, haveTool } from "../helpers/cli";
import { buildCib, dummy } from "../scheduler/build-cib";

const CIB = buildCib({
  nodes: [{ name: "node1" }, { name: "node2", attrs: { standby: "on" } }, { name: "node3", state: "offline" }],
  resources:
    dummy("A") +
    `<group id="G">${dummy("B")}${dummy("C", { "target-role": "Stopped" })}</group>` +
    `<clone id="D-clone">${dummy("D")}</clone>`,
  ops: [
    { rsc: "A", node: "node2", op: "start", call: 2 },
    { rsc: "B", node: "node1", op: "start", call: 3 },
    { rsc: "D", node: "node1", op: "start", call: 4 },
  ],
});

function session() {
  const s = cibSession();
  writeFileSync(s.file, CIB);
  return s;
}

test("resource status matches real pcs", () => {
  const s = session();
  try {
    const ours = s.pcs("resource", "status");
    expect(ours.code).toBe(0);
    expect(ours.stdout).toContain("  * A\t(ocf:pacemaker:Dummy):\t Started node2");
    expect(ours.stdout).toContain("  * Resource Group: G:");
    expect(ours.stdout).toContain("    * C\t(ocf:pacemaker:Dummy):\t Stopped (disabled)");
    if (haveTool("pcs")) {
      const real = spawnSync("pcs", ["-f", s.file, "resource", "status"], { encoding: "utf8" });
      expect(ours.stdout).toBe(real.stdout);
      const realOne = spawnSync("pcs", ["-f", s.file, "status", "resources", "A"], { encoding: "utf8" });
      expect(s.pcs("status", "resources", "A").stdout).toBe(realOne.stdout);
    }
  } finally {
    s.cleanup();
  }
});

test("status nodes and unknown resources", () => {
  const s = session();
  try {
    const nodes = s.pcs("status", "nodes");
    expect(nodes.stdout.split("\n").slice(0, 6)).toEqual([
      "Pacemaker Nodes:",
      " Online: node1",
      " Standby:",
      " Standby with resource(s) running: node2",
      " Maintenance:",
      " Offline: node3",
    ]);
    const missing = s.pcs("resource", "status", "nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Error: resource or tag id 'nope' not found");
  } finally {
    s.cleanup();
  }
});

test("simulate prints crm_simulate's sections and summary", () => {
  const s = session();
  try {
    const before = s.read();
    const ours = s.pcs("simulate");
    expect(ours.code).toBe(0);
    for (const header of ["Current cluster status:", "Transition Summary:", "Executing Cluster Transition:", "Revised Cluster Status:"]) {
      expect(ours.stdout).toContain(header);
    }
    expect(s.read()).toBe(before);
    if (haveTool("crm_simulate")) {
      const real = spawnSync("crm_simulate", ["-x", s.file, "-S"], { encoding: "utf8" });
      const block = (t: string) => {
        const lines = t.split("\n");
        const i = lines.indexOf("Transition Summary:");
        const out: string[] = [];
        for (const l of lines.slice(i + 1)) {
          if (!l.trim()) break;
          out.push(l.trim().split(/\s+/).join(" "));
        }
        return out.sort();
      };
      expect(block(ours.stdout)).toEqual(block(real.stdout));
      expect(ours.stdout.split("Transition Summary:")[0]).toBe(real.stdout.split("Transition Summary:")[0]);
    }
    expect(s.pcs("simulate", "--time", "not-a-time").stderr).toContain("Error: Invalid time 'not-a-time'");
    expect(s.pcs("simulate", "extra").code).toBe(1);
  } finally {
    s.cleanup();
  }
});

test("simulate replays a saved input at its execution-date, as crm_simulate does", () => {
  const s = cibSession();
  try {
    const rule = `<rsc_location id="l1" rsc="A"><rule id="l1-r" score="100" boolean-op="and"><expression id="l1-e" attribute="#uname" operation="eq" value="node2"/><date_expression id="l1-d" operation="lt" end="2020-01-01"/></rule></rsc_location>`;
    const xml = buildCib({ nodes: [{ name: "node1" }, { name: "node2" }], resources: dummy("A"), constraints: rule }).replace("<cib ", `<cib execution-date="1568992252" `);
    writeFileSync(s.file, xml);
    const ours = s.pcs("simulate");
    expect(ours.stdout.split("\n")[0]).toBe("Using the original execution date of: 2019-09-20 15:10:52Z");
    expect(ours.stdout).toMatch(/\* Start\s+A\s+\( node2 \)/);
    if (haveTool("crm_simulate")) {
      const real = spawnSync("crm_simulate", ["-x", s.file, "-S"], { encoding: "utf8" });
      const fold = (t: string) => t.split("Executing Cluster Transition:")[0].split("\n").map((l) => l.trim().split(/\s+/).join(" "));
      expect(fold(ours.stdout)).toEqual(fold(real.stdout));
    }
  } finally {
    s.cleanup();
  }
});
