// pcs -f CIB status xml: crm_mon's XML result (summary, nodes, resources, node attributes, failures, tickets,
// bans), compared with the real pcs where it is installed (and must be under CI). The node_history section
// is not rendered yet: it is taken out of the real output before comparing.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cibSession, haveTool, runPcs } from "../helpers/cli";
import { statusCib } from "./offline-cib";

const mask = (xml: string) => xml.replace(/<last_update time="[^"]*"\/>/, '<last_update time="<now>"/>');
const withoutHistory = (xml: string) => xml.replace(/\n {2}<node_history>[\s\S]*?\n {2}<\/node_history>/, "");

describe("pcs -f status xml", () => {
  test("an empty CIB: the summary and no nodes", () => {
    const s = cibSession();
    try {
      const r = runPcs(["-f", s.file, "status", "xml"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^<pacemaker-result api-version="2\.25" request="\/usr\/sbin\/crm_mon --one-shot --inactive --output-as xml">\n {2}<summary>\n {4}<stack type="unknown"\/>\n {4}<current_dc present="false"\/>\n/);
      expect(r.stdout).toContain('  <nodes/>\n  <status code="0" message="OK"/>\n</pacemaker-result>\n');
      if (haveTool("pcs")) expect(mask(r.stdout)).toBe(mask(spawnSync("pcs", ["-f", s.file, "status", "xml"], { encoding: "utf8" }).stdout));
      expect(runPcs(["-f", s.file, "status", "xml", "x"]).stderr).toMatch(/^\nUsage: pcs status xml/);
    } finally {
      s.cleanup();
    }
  });

  test("a CIB with a status section: nodes, resources, attributes, failures, tickets and bans", () => {
    const s = cibSession();
    try {
      writeFileSync(s.file, statusCib());
      const r = runPcs(["-f", s.file, "status", "xml"], { env: { TZ: "UTC" } });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('<resource id="C" resource_agent="ocf:pacemaker:Dummy" role="Stopped" target_role="Stopped" active="false"');
      expect(r.stdout).toContain('<ban id="cli-ban-A-on-node2" resource="A" node="node2" weight="-1000000" promoted-only="false" master_only="false"/>');
      if (haveTool("pcs")) {
        const real = spawnSync("pcs", ["-f", s.file, "status", "xml"], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } }).stdout;
        expect(mask(r.stdout)).toBe(withoutHistory(mask(real)));
      }
    } finally {
      s.cleanup();
    }
  });
});
