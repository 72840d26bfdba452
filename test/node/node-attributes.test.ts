// Node attributes and utilization on a CIB whose nodes section lists nodes (pcs -f cannot add
// nodes, so the file is prepared by hand); expectations recorded from pcs 0.11.5.
import { writeFileSync } from "node:fs";
import { cibSession } from "../helpers/cli";

const CIB = `<cib admin_epoch="0" epoch="2" num_updates="0" validate-with="pacemaker-3.1">
  <configuration>
    <crm_config/>
    <nodes>
      <node id="1" uname="alpha"/>
      <node id="2" uname="beta">
        <utilization id="u1">
          <nvpair id="u1-x" name="mem" value="1"/>
        </utilization>
      </node>
    </nodes>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
`;

describe("node attribute / utilization", () => {
  let s: ReturnType<typeof cibSession>;
  beforeEach(() => {
    s = cibSession();
    writeFileSync(s.file, CIB);
  });
  afterEach(() => s.cleanup());

  test("sets attributes one write each, with crm_attribute's ids", () => {
    expect(s.pcs("node", "attribute", "alpha", "foo=bar", "a.b=1").code).toBe(0);
    const xml = s.read();
    expect(xml).toContain('<instance_attributes id="nodes-1">');
    expect(xml).toContain('<nvpair id="nodes-1-foo" name="foo" value="bar"/>');
    expect(xml).toContain('<nvpair id="nodes-1-a.b" name="a.b" value="1"/>');
    expect(xml).toContain('epoch="4"');
    expect(s.pcs("node", "attribute").stdout).toBe("Node Attributes:\n alpha: a.b=1 foo=bar\n");
    expect(s.pcs("node", "attribute", "--name", "foo").stdout).toBe("Node Attributes:\n alpha: foo=bar\n");
  });

  test("removing a missing attribute fails with exit code 2 unless forced", () => {
    const r = s.pcs("node", "attribute", "alpha", "foo=");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("Error: attribute: 'foo' doesn't exist for node: 'alpha'\n");
    expect(s.pcs("node", "attribute", "alpha", "foo=", "--force").code).toBe(0);
    expect(s.read()).toBe(CIB);
  });

  test("utilization uses the existing set, sorted names, integer values", () => {
    expect(s.pcs("node", "utilization", "beta", "cpu=2").code).toBe(0);
    expect(s.pcs("node", "utilization", "alpha", "mem=3", "cpu=2").code).toBe(0);
    const xml = s.read();
    expect(xml).toContain('<nvpair id="u1-cpu" name="cpu" value="2"/>');
    expect(xml).toContain('<utilization id="nodes-1-utilization">\n          <nvpair id="nodes-1-utilization-cpu" name="cpu" value="2"/>');
    expect(s.pcs("node", "utilization").stdout).toBe("Node Utilization:\n alpha: cpu=2 mem=3\n beta: cpu=2 mem=1\n");
    const bad = s.pcs("node", "utilization", "alpha", "cpu=x");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("Error: Value of utilization attribute must be integer: 'cpu=x'\n");
    expect(s.pcs("node", "utilization", "gamma").stderr).toBe("Error: Unable to find a node: gamma\n");
  });
});
