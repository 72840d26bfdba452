// The native skimmer (wasm/skim.ts through src/cib/xml-skim-wasm.ts) must decide nothing the
// JavaScript skimmer would not: on every layout and on damaged documents, parsing an all-ASCII
// document with its bytes (native) gives the same result as without (JavaScript only): the same
// error, or the same layout verdict, serialization and recorded ids.
import { cibSectionsAsText } from "../../src/cib/document";
import { serializeXml, type XmlElement } from "../../src/cib/xml";
import { untouchedText } from "../../src/cib/xml-lazy";
import { parseDocument } from "../../src/cib/xml-parse";
import { readXmlDocument } from "../../src/cib/xml-check";
import { documentBuffer, firstControlCharacter, SkimmedBytes } from "../../src/cib/xml-skim-wasm";
import { seededRng } from "../helpers/rng";

function cib(resources: number): string {
  const primitives = Array.from(
    { length: resources },
    (_, i) => `      <primitive id="r${i}" class="ocf" type="Dummy" provider="heartbeat">
        <instance_attributes id="r${i}-instance_attributes">
          <nvpair id="r${i}-instance_attributes-state" name="state" value="/run/r${i}.state"/>
        </instance_attributes>
        <meta_attributes id="r${i}-meta_attributes"/>
        <operations>
          <op name="monitor" interval="10s" timeout="20s" id="r${i}-monitor-interval-10s"/>
        </operations>
      </primitive>
`,
  ).join("");
  const states = Array.from(
    { length: resources },
    (_, i) => `          <lrm_resource id="r${i}" type="Dummy" class="ocf" provider="heartbeat">
            <lrm_rsc_op id="r${i}_last_0" operation_key="r${i}_start_0" operation="start" transition-key="${i}:1:0:3f1c2b7e" rc-code="0" op-status="0" interval="0" exit-reason=""/>
          </lrm_resource>
`,
  ).join("");
  return `<cib admin_epoch="0" epoch="7" num_updates="3" validate-with="pacemaker-3.8" crm_feature_set="3.16.2">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
    </nodes>
    <resources>
${primitives}      <group id="g1">
        <primitive id="g1-a" class="ocf" type="Dummy" provider="heartbeat"/>
      </group>
    </resources>
    <constraints>
      <rsc_location id="location-r0-node1-100" rsc="r0" node="node1" score="100"/>
    </constraints>
    <tags/>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="1">
        <lrm_resources>
${states}        </lrm_resources>
      </lrm>
    </node_state>
  </status>
</cib>
`;
}


const LAYOUTS: Record<string, (text: string) => string> = {
  canonical: (t) => t,
  "one line": (t) => t.replace(/>\s+</g, "><"),
  tabs: (t) => t.replace(/\n( +)/g, (_, s: string) => "\n" + "\t".repeat(s.length / 2)),
  crlf: (t) => t.replaceAll("\n", "\r\n"),
  "single quotes": (t) => t.replace(/="([^"]*)"/g, "='$1'"),
  "spaced attributes": (t) => t.replace(/ ([a-z][-\w]*)="/g, '\n\t$1 = "'),
  "empty pairs": (t) => t.replace(/<([a-z_]+)([^<>]*)\/>/g, "<$1$2></$1>"),
  "wide indentation": (t) => t.replace(/\n( +)/g, "\n$1$1"),
};

type Outcome = { error: string } | { canonical: boolean; xml: string; ids: (string | number)[][] };

function parse(text: string, native: boolean): Outcome {
  try {
    const bytes = native ? Buffer.from(text, "latin1") : undefined;
    const doc = parseDocument(text, { keepAsText: cibSectionsAsText, keptLayout: "canonical", bytes });
    // the ids recorded in each section kept as text, before anything looks into it
    const ids: (string | number)[][] = [];
    const visit = (e: XmlElement) => {
      const kept = untouchedText(e);
      if (kept) ids.push([e.name, ...(kept.ids?.ids ?? []), ...(kept.ids?.nameAt ?? [])]);
      else for (const child of e.children) visit(child);
    };
    visit(doc.root);
    return { canonical: doc.canonical, xml: serializeXml(doc.root), ids };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const sectionStart = (text: string, name: string) => text.indexOf(">", text.indexOf(`<${name}>`)) + 1;

test("the native skimmer reads the sections of every layout pcs-lite takes fast", () => {
  const text = cib(20);
  for (const [name, relayout] of Object.entries(LAYOUTS)) {
    const laid = relayout(text);
    const native = SkimmedBytes.of(Buffer.from(laid, "latin1"))!;
    expect(native).toBeDefined();
    for (const [section, depth] of [["resources", 3], ["status", 2]] as const) {
      const found = native.section(sectionStart(laid, section), depth);
      expect([name, section, found !== undefined]).toEqual([name, section, true]);
      expect(found!.canonical).toBe(name === "canonical");
      expect(found!.tagsOnly).toBe(!["single quotes", "spaced attributes"].includes(name));
    }
  }
});

test("what it cannot vouch for it leaves to the JavaScript skimmer", () => {
  const text = cib(2);
  const from = sectionStart(text, "resources");
  for (const inside of ["<!-- a comment -->", "some text", "<![CDATA[x]]>", '<p id="a&amp;b"/>', '<p id="a" id="b"/>', "<?pi?>", "<p id='x\ty'/>"]) {
    const damaged = text.slice(0, from) + inside + text.slice(from);
    expect([inside, SkimmedBytes.of(Buffer.from(damaged, "latin1"))!.section(from, 3)]).toEqual([inside, undefined]);
  }
});

test.each(Object.keys(LAYOUTS))("native and JavaScript skimming agree: %s", (name) => {
  const text = LAYOUTS[name](cib(30));
  const native = parse(text, true);
  expect(native).toEqual(parse(text, false));
  expect("error" in native).toBe(false);
});

test("native and JavaScript skimming agree on damaged documents (seeded)", () => {
  const next = seededRng(20261207);
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(next() * choices.length)];
  const inserts = ["<", ">", '"', "'", "&", "=", "/", " ", "\n", "\t", "x", "-", ":", "<!-- c -->", "&amp;", "<a/>", "</a>", "<a>", '" b="', "\r"];
  const bases = Object.values(LAYOUTS).map((relayout) => relayout(cib(3)));
  let errors = 0;
  for (let k = 0; k < 600; k++) {
    let text = pick(bases);
    for (let m = 1 + Math.floor(next() * 2); m > 0; m--) {
      const at = Math.floor(next() * text.length);
      const kind = next();
      if (kind < 0.45) text = text.slice(0, at) + pick(inserts) + text.slice(at);
      else if (kind < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
      else if (kind < 0.85) {
        // an attribute named twice
        const attr = / [a-z][-\w]*=["'][^"']*["']/g;
        attr.lastIndex = at;
        const m = attr.exec(text);
        if (m) text = text.slice(0, m.index + m[0].length) + m[0] + text.slice(m.index + m[0].length);
      } else text = text.slice(0, at) + text.charAt(at).toUpperCase() + text.slice(at + 1);
    }
    const native = parse(text, true);
    if ("error" in native) errors++;
    expect([k, native]).toEqual([k, parse(text, false)]);
  }
  // the mutations do damage: both sides were asked about broken markup, not only good documents
  expect(errors).toBeGreaterThan(100);
});

test("a document read after another: the first one's sections are still written right", () => {
  const first = LAYOUTS["one line"](cib(5));
  const second = LAYOUTS["one line"](cib(9));
  const bytes = (text: string) => Buffer.from(text, "latin1");
  const a = parseDocument(first, { keepAsText: cibSectionsAsText, keptLayout: "canonical", bytes: bytes(first) });
  const b = parseDocument(second, { keepAsText: cibSectionsAsText, keptLayout: "canonical", bytes: bytes(second) });
  expect(serializeXml(a.root)).toBe(cib(5));
  expect(serializeXml(b.root)).toBe(cib(9));
  // a file read into the module's memory, not parsed yet, replaces the bytes of the one before too
  const c = parseDocument(first, { keepAsText: cibSectionsAsText, keptLayout: "canonical", bytes: bytes(first) });
  Buffer.from(second, "latin1").copy(documentBuffer(second.length));
  expect(serializeXml(c.root)).toBe(cib(5));
});

test("control characters are refused the same when the native scan looks for them", () => {
  const text = cib(3);
  const read = (bytes: Buffer) => {
    try {
      return readXmlDocument(bytes).text === text ? "read" : "changed";
    } catch (e) {
      return (e as Error).message;
    }
  };
  const inNativeMemory = (bytes: Buffer) => {
    const buffer = documentBuffer(bytes.length);
    bytes.copy(buffer);
    return buffer;
  };
  expect(firstControlCharacter(inNativeMemory(Buffer.from(text, "latin1")))).toBe(-1);
  expect(read(inNativeMemory(Buffer.from(text, "latin1")))).toBe("read");
  const next = seededRng(7);
  for (let k = 0; k < 60; k++) {
    const at = Math.floor(next() * text.length);
    const c = String.fromCharCode(Math.floor(next() * 32));
    const damaged = Buffer.from(text.slice(0, at) + c + text.slice(at), "latin1");
    const expected = read(damaged);
    if (!"\t\n\r".includes(c)) expect(expected).not.toBe("read");
    expect([k, read(inNativeMemory(damaged))]).toEqual([k, expected]);
  }
});
