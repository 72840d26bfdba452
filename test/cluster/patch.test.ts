// Format-2 patches: ours apply with Pacemaker's cibadmin --patch, crm_diff's apply with ours.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPatch, patchIsEmpty } from "../../src/cib/diff";
import { applyPatch, applyVersionedPatch, patchIsApplied } from "../../src/cib/patch";
import { serializeXml, type XmlElement } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { haveTool, tempDir } from "../helpers/cli";

const BEFORE = `<cib crm_feature_set="3.16.1" admin_epoch="0" epoch="4" num_updates="2" validate-with="pacemaker-3.1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="ignore"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="b" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="b-meta_attributes">
          <nvpair id="b-meta_attributes-target-role" name="target-role" value="Stopped"/>
        </meta_attributes>
      </primitive>
      <primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/>
    </resources>
    <constraints/>
  </configuration>
  <status/>
</cib>
`;

const AFTER = `<cib crm_feature_set="3.16.1" admin_epoch="0" epoch="5" num_updates="0" validate-with="pacemaker-3.1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="stop"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources>
      <primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy" description="first"/>
      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
        <operations>
          <op id="d-monitor-interval-10s" name="monitor" interval="10s"/>
        </operations>
      </primitive>
    </resources>
    <constraints>
      <rsc_location id="location-a-node1-INFINITY" rsc="a" node="node1" score="INFINITY"/>
    </constraints>
  </configuration>
  <status/>
</cib>
`;

/** Attribute order and whitespace do not matter to Pacemaker; compare a sorted form. */
function canonical(e: XmlElement): string {
  const attrs = Object.keys(e.attrs)
    .sort()
    .map((k) => `${k}=${e.attrs[k]}`)
    .join(" ");
  return `<${e.name} ${attrs}>${e.children.map(canonical).join("")}</${e.name}>`;
}

describe("format-2 patches", () => {
  it("turns the source into the target with our own apply", () => {
    const before = parseXml(BEFORE);
    const patch = createPatch(before, parseXml(AFTER));
    expect(applyVersionedPatch(before, patch)).toBe("applied");
    expect(canonical(before)).toBe(canonical(parseXml(AFTER)));
  });

  it("refuses a patch made against another version", () => {
    const patch = createPatch(parseXml(BEFORE), parseXml(AFTER));
    const other = parseXml(BEFORE.replace('epoch="4"', 'epoch="3"'));
    expect(applyVersionedPatch(other, patch)).toBe("conflict");
  });

  it("applies a stale patch that only adds elements, unless an id would be used twice", () => {
    const bumped = (xml: string, epoch: number) => xml.replace('epoch="4"', `epoch="${epoch}"`);
    const withD = bumped(BEFORE.replace('<primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/>', '<primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/>\n      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>'), 5);
    const addE = createPatch(parseXml(BEFORE), parseXml(bumped(BEFORE.replace("<constraints/>", '<constraints><rsc_location id="e" rsc="a" node="n1" score="10"/></constraints>'), 5)));
    // another writer added d meanwhile (epoch 5): adding e still applies, on top of it
    const current = parseXml(withD);
    expect(applyVersionedPatch(current, addE)).toBe("applied");
    expect(serializeXml(current)).toContain('<primitive id="d"');
    expect(serializeXml(current)).toContain('<rsc_location id="e"');
    expect(current.attrs.epoch).toBe("6");
    // the same addition again would duplicate id e: a conflict, the CIB untouched
    const again = createPatch(parseXml(BEFORE), parseXml(bumped(BEFORE.replace("<constraints/>", '<constraints><rsc_location id="e" rsc="b" node="n1" score="10"/></constraints>'), 5)));
    const before = serializeXml(current);
    expect(applyVersionedPatch(current, again)).toBe("conflict");
    expect(serializeXml(current)).toBe(before);
    // a section another writer created meanwhile is not created twice
    const noConstraints = BEFORE.replace("<constraints/>", "");
    const addSection = createPatch(parseXml(noConstraints), parseXml(bumped(noConstraints.replace("</resources>", '</resources><constraints><rsc_location id="f" rsc="a" node="n1" score="1"/></constraints>'), 5)));
    const sectionThere = parseXml(bumped(BEFORE, 5));
    expect(applyVersionedPatch(sectionThere, addSection)).toBe("conflict");
    // a stale change of an existing element is never applied
    const modify = createPatch(parseXml(BEFORE), parseXml(bumped(BEFORE.replace('value="ignore"', 'value="stop"'), 5)));
    expect(applyVersionedPatch(parseXml(withD), modify)).toBe("conflict");
  });

  it("tells a patch that already landed from one that did not", () => {
    const patch = createPatch(parseXml(BEFORE), parseXml(AFTER));
    expect(patchIsApplied(parseXml(BEFORE), patch)).toBe(false);
    const landed = parseXml(BEFORE);
    applyPatch(landed, patch);
    landed.attrs.epoch = "9";
    expect(patchIsApplied(landed, patch)).toBe(true);
  });

  it("sees an unchanged document as an empty patch", () => {
    expect(patchIsEmpty(createPatch(parseXml(BEFORE), parseXml(BEFORE)))).toBe(true);
    expect(patchIsEmpty(createPatch(parseXml(BEFORE), parseXml(AFTER)))).toBe(false);
  });

  const pacemaker = haveTool("cibadmin") && haveTool("crm_diff") ? it : it.skip;

  pacemaker("makes patches that cibadmin --patch applies", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      writeFileSync(file, BEFORE);
      writeFileSync(join(dir, "patch.xml"), serializeXml(createPatch(parseXml(BEFORE), parseXml(AFTER))));
      const r = spawnSync("cibadmin", ["--patch", "-x", join(dir, "patch.xml")], { env: { ...process.env, CIB_file: file }, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const result = parseXml(readFileSync(file, "utf8"));
      const expected = parseXml(AFTER);
      // the CIB manager bumps the version itself when it writes the file
      for (const e of [result, expected]) for (const a of ["epoch", "num_updates", "cib-last-written", "update-origin", "update-client", "update-user"]) delete e.attrs[a];
      expect(canonical(result)).toBe(canonical(expected));
    } finally {
      cleanup();
    }
  });

  pacemaker("applies patches made by crm_diff", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, "a.xml"), BEFORE);
      writeFileSync(join(dir, "b.xml"), AFTER);
      const r = spawnSync("crm_diff", ["-o", join(dir, "a.xml"), "-n", join(dir, "b.xml")], { encoding: "utf8" });
      expect(r.status).toBe(1);
      const patch = parseXml(r.stdout);
      expect(patch.attrs.format).toBe("2");
      const cib = parseXml(BEFORE);
      expect(applyVersionedPatch(cib, patch)).toBe("applied");
      expect(canonical(cib)).toBe(canonical(parseXml(AFTER)));
      const again = parseXml(BEFORE);
      applyPatch(again, patch);
      expect(canonical(again)).toBe(canonical(parseXml(AFTER)));
    } finally {
      cleanup();
    }
  });
});
