// pcs -f FILE cluster cib-upgrade: Pacemaker's cibadmin --upgrade --force on the file, as pcs 0.11.5 runs it.
import { readFileSync, writeFileSync } from "node:fs";
import { cibSession, haveTool } from "../helpers/cli";
import { parseXml } from "../../src/cib/xml-parse";

const OLD_CIB =
  '<cib epoch="557" num_updates="122" admin_epoch="0" validate-with="pacemaker-1.2" crm_feature_set="3.0.8">' +
  '<configuration><crm_config><cluster_property_set id="o"><nvpair id="o-e" name="election_timeout" value="2min"/>' +
  '</cluster_property_set></crm_config><nodes/><resources><primitive id="d" class="ocf" provider="heartbeat" type="Dummy">' +
  '<operations><op id="d-monitor" name="monitor" interval="10s" role="Master"/></operations></primitive></resources>' +
  "<constraints/></configuration><status/></cib>";

describe("pcs cluster cib-upgrade", () => {
  const upgraded = "Cluster CIB has been upgraded to latest version\n";
  let s: ReturnType<typeof cibSession>;
  beforeEach(() => (s = cibSession()));
  afterEach(() => s.cleanup());

  it("upgrades a pacemaker-1.2 CIB to the newest schema with cibadmin's transformation, and again", () => {
    if (!haveTool("cibadmin")) return;
    writeFileSync(s.file, OLD_CIB);
    expect(s.pcs("cluster", "cib-upgrade")).toEqual({ code: 0, stdout: "", stderr: upgraded });
    const cib = parseXml(s.read());
    expect(cib.attrs).toMatchObject({ "validate-with": "pacemaker-3.9", admin_epoch: "1" });
    // the 2.x -> 3.0 transformation renames the old option
    expect(s.read()).toContain('<nvpair id="o-e" name="election-timeout" value="2min"/>');
    const once = s.read();
    expect(s.pcs("cluster", "cib-upgrade")).toEqual({ code: 0, stdout: "", stderr: upgraded });
    expect(s.read()).toBe(once);
  });

  it("creates and upgrades a missing file as pcs does", () => {
    if (!haveTool("cibadmin")) return;
    expect(s.pcs("cluster", "cib-upgrade").code).toBe(0);
    expect(parseXml(s.read()).attrs).toMatchObject({ "validate-with": "pacemaker-3.9", admin_epoch: "1", epoch: "1", num_updates: "2" });
  });

  it("leaves a CIB cibadmin refuses unchanged, with cibadmin's words", () => {
    if (!haveTool("cibadmin")) return;
    const invalid = OLD_CIB.replace('type="Dummy"', "");
    writeFileSync(s.file, invalid);
    const r = s.pcs("cluster", "cib-upgrade");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: unable to upgrade cluster: .*Update does not conform to the configured schema\n[\s\S]*\n\n$/);
    expect(readFileSync(s.file, "utf8")).toBe(invalid);
  });

  it("takes no arguments and no options besides -f", () => {
    const r = s.pcs("cluster", "cib-upgrade", "x");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "\nUsage: pcs cluster cib-upgrade...\n    cib-upgrade\n        Upgrade the CIB to conform to the latest version of the document schema.\n\n",
    );
    expect(s.pcs("cluster", "cib-upgrade", "--all").stderr).toBe("Error: Specified option '--all' is not supported in this command\n");
  });
});
