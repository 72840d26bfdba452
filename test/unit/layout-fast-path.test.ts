// A CIB file in any layout takes the fast path (its sections kept as text, src/cib/xml-lazy.ts, and
// rewritten in pcs's layout as they are written out, src/cib/xml-skim.ts) and must come out byte for
// byte as the slow path writes it: the whole file parsed into elements and serialized
// (PCS_LITE_NO_LAZY=1 for the CLI, parseXml + serializeXml below).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cibSectionsAsText } from "../../src/cib/document";
import { createElement, firstChild, serializeXml, type XmlElement } from "../../src/cib/xml";
import { parseDocument, parseXml } from "../../src/cib/xml-parse";
import { runPcs } from "../helpers/cli";
import { pcsInProcess, restoreStdio } from "../helpers/in-process";
import { seededRng } from "../helpers/rng";

const BASES: Record<string, string> = {
  cluster: `<cib admin_epoch="0" epoch="7" num_updates="3" validate-with="pacemaker-3.8" crm_feature_set="3.16.2">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
        <nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="c &amp; &quot;d&quot; &lt;e&gt;"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2">
        <instance_attributes id="nodes-2">
          <nvpair id="nodes-2-site" name="site" value="caf\u00e9 \u4e2d"/>
        </instance_attributes>
      </node>
    </nodes>
    <resources>
      <primitive id="r1" class="ocf" type="Dummy" provider="heartbeat">
        <instance_attributes id="r1-instance_attributes">
          <nvpair id="r1-instance_attributes-state" name="state" value="/run/r1 state&#10;two&#9;lines"/>
        </instance_attributes>
        <meta_attributes id="r1-meta_attributes"/>
        <operations>
          <op name="monitor" interval="10s" timeout="20s" id="r1-monitor-interval-10s"/>
        </operations>
      </primitive>
      <group id="g1">
        <primitive id="r2" class="ocf" type="Dummy" provider="heartbeat"/>
        <primitive id="r3" class="ocf" type="Dummy" provider="heartbeat"/>
      </group>
      <clone id="r4-clone">
        <primitive id="r4" class="ocf" type="Dummy" provider="heartbeat"/>
      </clone>
    </resources>
    <constraints>
      <rsc_location id="location-r1-node1-100" rsc="r1" node="node1" score="100"/>
      <rsc_order id="order-r1-g1-mandatory" first="r1" then="g1" first-action="start" then-action="start"/>
    </constraints>
    <rsc_defaults>
      <meta_attributes id="rsc-options">
        <nvpair id="rsc-options-migration-threshold" name="migration-threshold" value="3"/>
      </meta_attributes>
    </rsc_defaults>
    <tags>
      <tag id="t1">
        <obj_ref id="r1"/>
      </tag>
    </tags>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="1">
        <lrm_resources>
          <lrm_resource id="r1" type="Dummy" class="ocf" provider="heartbeat">
            <lrm_rsc_op id="r1_last_0" operation_key="r1_start_0" operation="start" call-id="5" rc-code="0" op-status="0" interval="0" exit-reason=""/>
          </lrm_resource>
        </lrm_resources>
      </lrm>
    </node_state>
  </status>
</cib>
`,
  empty: `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.1">
  <configuration>
    <crm_config/>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
`,
};

// ---- writing a tree in other layouts ------------------------------------------------------


interface Layout {
  /** Whitespace (and whatever else may lie) between tags, before something at `depth`. */
  gap(depth: number): string;
  /** Between the name and an attribute, around `=`, before the tag's end. */
  space(): string;
  quote(): '"' | "'";
  /** An attribute value written with that quote (decoding to `value`, or as parsers normalize it). */
  value(value: string, quote: string): string;
  /** An element without content: `<a/>`, `<a></a>`, `<a> </a>`... (the text after the name and attributes). */
  empty(name: string): string;
  /** Character data some elements get, and where: 0 before the children, 1 between, 2 after. */
  text(): { data: string; at: number } | undefined;
  end: string;
}

const plainValue = (value: string, quote: string) =>
  value.replace(/[&<\n\r\t]/g, (c) => ({ "&": "&amp;", "<": "&lt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" })[c]!).replaceAll(quote, quote === '"' ? "&quot;" : "&apos;");

function layout(style: string, seed: number): Layout {
  const next = seededRng(seed);
  const pick = <T>(choices: T[]): T => choices[Math.floor(next() * choices.length)];
  const base: Layout = {
    gap: (depth) => "\n" + "  ".repeat(depth),
    space: () => "",
    quote: () => '"',
    value: plainValue,
    empty: () => "/>",
    text: () => undefined,
    end: "\n",
  };
  switch (style) {
    case "one line":
      return { ...base, gap: () => "", end: "" };
    case "tabs":
      return { ...base, gap: (depth) => "\n" + "\t".repeat(depth) };
    case "crlf":
      return { ...base, gap: (depth) => "\r\n" + "  ".repeat(depth), end: "\r\n" };
    case "wide":
      return { ...base, gap: (depth) => "\n\n" + "    ".repeat(depth) + " " };
    case "spaced tags":
      return { ...base, space: () => pick([" ", "  ", "\t", "\n", " \r\n "]), empty: () => pick([" />", "\n/>", "/>"]) };
    case "single quotes":
      return { ...base, gap: () => " ", quote: () => "'" };
    case "entities": {
      const reference = (c: string) => {
        const code = c.codePointAt(0)!;
        return pick([`&#${code};`, `&#x${code.toString(16)};`, `&#x${code.toString(16).toUpperCase()};`]);
      };
      const named: Record<string, string> = { '"': "&quot;", "'": "&apos;", ">": "&gt;", "&": "&amp;", "<": "&lt;" };
      return {
        ...base,
        // every quote character escaped, whichever delimits the value
        value: (value) => [...value].map((c) => (/[&<"'\n\r\t>]/.test(c) || next() < 0.3 ? (named[c] && next() < 0.5 ? named[c] : reference(c)) : c)).join(""),
      };
    }
    case "comments":
      return { ...base, gap: (depth) => pick(["\n", "<!-- a comment <b> & -->\n", "<?pi some data?>\n", "\n<!---->"]) + "  ".repeat(depth) };
    case "empty pairs":
      return { ...base, empty: (name) => pick([`></${name}>`, `>\n</${name}>`, `> \t </${name} >`, `><!-- none --></${name}>`]) };
    case "text":
      return {
        ...base,
        text: () =>
          next() < 0.3 ? { data: pick([" some text ", "a &amp; b &lt; c &gt; d", "<![CDATA[ raw <x> & ]]>", "line\r\nbreak", "\u00e9\u4e2d&#x4e2d;"]), at: pick([0, 1, 2]) } : undefined,
      };
    case "raw whitespace in values":
      return { ...base, value: (value, quote) => plainValue(value, quote).replaceAll("&#10;", pick(["\r\n", "\n", "\r"])).replaceAll("&#9;", "\t") };
    default: {
      // a bit of everything, element by element
      const styles = ["one line", "tabs", "crlf", "wide", "spaced tags", "single quotes", "entities", "comments", "empty pairs", "text"];
      const all = styles.map((s, k) => layout(s, seed * 31 + k));
      return {
        gap: (depth) => pick(all).gap(depth),
        space: () => pick(all).space(),
        quote: () => pick(all).quote(),
        value: (value, quote) => pick(all).value(value, quote),
        empty: (name) => pick(all).empty(name),
        text: () => pick(all).text(),
        end: pick(["", "\n", "\r\n", "\n\n"]),
      };
    }
  }
}

/** `root` written in `style`; the same tree (give or take character data and whitespace in values) read back. */
function write(root: XmlElement, style: string, seed: number): string {
  const l = layout(style, seed);
  const element = (e: XmlElement, depth: number): string => {
    let tag = "<" + e.name;
    for (const [name, value] of Object.entries(e.attrs)) {
      const quote = l.quote();
      tag += (l.space() || " ") + name + l.space() + "=" + l.space() + quote + l.value(value, quote) + quote;
    }
    const text = l.text();
    if (!e.children.length && !text) return tag + l.space() + l.empty(e.name);
    let content = text?.at === 0 ? text.data : "";
    e.children.forEach((child, k) => {
      content += l.gap(depth + 1) + element(child, depth + 1);
      if (text?.at === 1 && k === 0) content += text.data;
    });
    if (text?.at === 2 || (text?.at === 1 && !e.children.length)) content += text.data;
    return tag + l.space() + ">" + content + l.gap(depth) + "</" + e.name + l.space() + ">";
  };
  const prolog = style === "comments" ? '<?xml version="1.0" encoding="UTF-8"?>\n<!-- before the root -->\n' : "";
  return prolog + element(root, 0) + l.end;
}

const STYLES = ["one line", "tabs", "crlf", "wide", "spaced tags", "single quotes", "entities", "comments", "empty pairs", "text", "raw whitespace in values", "mixed"];
const lazy = (text: string) => parseDocument(text, { keepAsText: cibSectionsAsText, keptLayout: "canonical" });

// ---- the serialization, in-process ----------------------------------------------------------

describe("a kept section in any layout is written as the parsed one", () => {
  const cases: [string, string, number][] = [];
  for (const base of Object.keys(BASES)) for (const style of STYLES) for (let seed = 1; seed <= 12; seed++) cases.push([base, style, seed]);

  test.each(cases)("%s, %s, seed %d", (base, style, seed) => {
    const text = write(parseXml(BASES[base]), style, seed);
    const expected = serializeXml(parseXml(text));
    const doc = lazy(text);
    // (text the parser cannot tell is in pcs's layout, character data say, counts as not)
    if (doc.canonical) expect(text).toBe(expected);
    expect(serializeXml(doc.root)).toBe(expected);
    // again: what was rewritten once is not rewritten differently
    expect(serializeXml(doc.root)).toBe(expected);
  });

  test.each(STYLES)("appending to every section, then reading it: %s", (style) => {
    for (let seed = 1; seed <= 8; seed++) {
      const text = write(parseXml(BASES.cluster), style, seed);
      const append = (root: XmlElement) => {
        for (const section of firstChild(root, "configuration")!.children) createElement("added", { id: `added-${section.name}`, v: 'a"b' }, section);
        createElement("node_state", { id: "9", uname: "node9" }, firstChild(root, "status")!);
        return root;
      };
      const expected = serializeXml(append(parseXml(text)));
      const root = append(lazy(text).root);
      expect(serializeXml(root)).toBe(expected);
      // a section serialized apart (at another depth) is laid out for that depth
      const resources = firstChild(firstChild(lazy(text).root, "configuration")!, "resources")!;
      expect(serializeXml(resources)).toBe(serializeXml(firstChild(firstChild(parseXml(text), "configuration")!, "resources")!));
      // and parsing the kept text gives the elements the whole parse gives
      for (const section of firstChild(root, "configuration")!.children) section.children.forEach(() => undefined);
      expect(serializeXml(root)).toBe(expected);
    }
  });

  test("sections as read and rewritten ones in one document", () => {
    const canonical = serializeXml(parseXml(BASES.cluster));
    const start = canonical.indexOf("<status>");
    const end = canonical.indexOf("</status>");
    for (const status of [canonical.slice(start, end).replace(/>\s+</g, "><"), canonical.slice(start, end).replaceAll("\n", "\r\n").replaceAll("'", '"')]) {
      const text = canonical.slice(0, start) + status + canonical.slice(end);
      const doc = lazy(text);
      expect(doc.canonical).toBe(false);
      expect(serializeXml(doc.root)).toBe(canonical);
    }
  });

  test("edge cases: the section's own character data, empty sections, wide characters, __proto__", () => {
    const documents = [
      "<cib><configuration><resources>text first<primitive id='a'/>, then more</resources></configuration><status> </status></cib>",
      "<cib><configuration><resources>only text &amp; &#x4e2d;</resources><constraints><!-- nothing --></constraints></configuration></cib>",
      "<cib><configuration><resources><primitive id='a'>after <x/> between <y/> end</primitive></resources></configuration></cib>",
      '<cib><configuration><resources><p a="&#x4e2d;" b="\u00e9"/><q c="plain ascii after a wide one"/></resources></configuration></cib>',
      '<cib><configuration><resources><p __proto__="x" id="a"/><q id="b" __proto__="y"></q></resources></configuration></cib>',
      '<cib><configuration><resources><p\u00e9 id="a"/><p id="b" x\u00e9="1"/></resources></configuration></cib>',
      "<cib><configuration><resources><![CDATA[  ]]><![CDATA[ c ]]><p/></resources></configuration><status><![CDATA[x]]></status></cib>",
      '<cib><configuration><resources>\n\t<p id="a" v="x>y"/>\n</resources></configuration></cib>',
    ];
    for (const text of documents) {
      const expected = serializeXml(parseXml(text));
      expect([text, serializeXml(lazy(text).root)]).toEqual([text, expected]);
    }
  });
});

// ---- commands through the CLI, fast path against slow path ----------------------------------

const COMMANDS: string[][] = [
  ["resource", "create", "new-r", "ocf:heartbeat:Dummy"],
  ["property", "set", "no-quorum-policy=freeze"],
  ["property", "set", "stonith-enabled=false"],
  ["constraint", "location", "r1", "prefers", "node2=50"],
  ["constraint", "order", "r1", "then", "r4-clone"],
  ["resource", "defaults", "update", "resource-stickiness=10"],
  ["resource", "op", "defaults", "update", "timeout=30s"],
  ["tag", "create", "t-new", "r1", "g1"],
  ["resource", "meta", "r1", "target-role=Stopped"],
  ["cluster", "cib"],
];

describe("pcs -f on a file in any layout writes what the slow path writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "pcs-lite-layout-"));
  afterAll(() => {
    restoreStdio();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (text: string, args: string[], slow: boolean) => {
    const file = join(dir, "cib.xml");
    writeFileSync(file, text);
    if (slow) process.env.PCS_LITE_NO_LAZY = "1";
    try {
      const r = await pcsInProcess(["-f", file, ...args]);
      return { ...r, file: readFileSync(file, "utf8") };
    } finally {
      delete process.env.PCS_LITE_NO_LAZY;
    }
  };

  test.each(STYLES)("%s", async (style) => {
    for (const [k, args] of COMMANDS.entries()) {
      const text = write(parseXml(BASES.cluster), style, 100 + k);
      const fast = await run(text, args, false);
      const slow = await run(text, args, true);
      expect({ args, ...fast }).toEqual({ args, ...slow });
      if (!(fast.code === 0)) throw new Error(`${args.join(" ")} failed: ${fast.stderr}`);
    }
  });

  test("bin/pcs on a one-line 300-resource CIB", () => {
    const canonical = serializeXml(parseXml(BASES.cluster)).replace(
      "    </resources>",
      Array.from({ length: 300 }, (_, i) => `      <primitive id="p${i}" class="ocf" type="Dummy" provider="heartbeat">\n        <operations>\n          <op name="monitor" interval="10s" id="p${i}-monitor"/>\n        </operations>\n      </primitive>\n`).join("") + "    </resources>",
    );
    const oneLine = canonical.replace(/>\s+</g, "><");
    for (const args of [COMMANDS[0], COMMANDS[1], COMMANDS[3]]) {
      const files = ["fast", "slow", "canonical"].map((name) => join(dir, `${name}.xml`));
      writeFileSync(files[0], oneLine);
      copyFileSync(files[0], files[1]);
      writeFileSync(files[2], canonical);
      const results = files.map((file, k) => runPcs(["-f", file, ...args], { env: k === 1 ? { PCS_LITE_NO_LAZY: "1" } : {} }));
      expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
      const written = files.map((file) => readFileSync(file, "utf8"));
      expect(written[0]).toBe(written[1]);
      expect(written[0]).toBe(written[2]);
    }
  });
});
