// The replayer splits lines and normalizes CIBs and outputs as pcs-parity (Python) does: the expected
// values below are what Python's shlex.split and the tool's canonical_lines / normalize_output return.
import { canonicalLines, normalizeOutput } from "./canonical";
import { judge } from "./compare";
import { shlexSplit } from "./shlex";

describe("shlexSplit, as Python's shlex.split", () => {
  test.each([
    ["constraint location R rule #uname eq node1", ["constraint", "location", "R", "rule", "#uname", "eq", "node1"]],
    [`a 'b c' "d e"`, ["a", "b c", "d e"]],
    [`a '' "" x`, ["a", "", "", "x"]],
    [String.raw`a\ b c\\d`, ["a b", "c\\d"]],
    [String.raw`"a\"b" "c\d" "\\"`, ['a"b', "c\\d", "\\"]],
    [String.raw`'a\b'`, ["a\\b"]],
    [`x"y z"w`, ["xy zw"]],
    ["a\tb\r\nc", ["a", "b", "c"]],
    [`meta a="1 2" b='3'`, ["meta", "a=1 2", "b=3"]],
    [`é 'ü' "ß"`, ["é", "ü", "ß"]],
  ])("%s", (line, words) => {
    expect(shlexSplit(line)).toEqual(words);
  });

  test.each([
    ["'unterminated", "No closing quotation"],
    ['"open', "No closing quotation"],
    ["trail\\", "No escaped character"],
  ])("%s fails", (line, message) => {
    expect(() => shlexSplit(line)).toThrow(message);
  });
});

test("canonicalLines drops comments, PIs, volatile root attributes and whitespace-only text", () => {
  const xml =
    '<?xml version="1.0"?>\n<cib epoch="3" cib-last-written="x" crm_feature_set="3" admin_epoch="0"><configuration>\n' +
    '  <!-- c --> <crm_config a="1&#10;2\tz" b="&lt;&amp;"/> t1 <![CDATA[ cd ]]>\n <?pi x?> t2\n</configuration><status/></cib>';
  expect(canonicalLines(xml)).toEqual([
    '<cib admin_epoch="0" epoch="3">',
    "  <configuration>",
    '    <crm_config a="1\n2 z" b="<&">',
    '    tail="t1  cd \\n  t2"',
    "  <status>",
  ]);
  expect(() => canonicalLines("<cib><configuration></cib>")).toThrow();
});

test("normalizeOutput splits and collapses as Python does", () => {
  expect(normalizeOutput("\n\n  a   b \x0b c\x1c\x85 \u2028d\t\te  \r\n\n \n")).toEqual(["a b", "c", "", "", "d e"]);
});

describe("judge", () => {
  const lines = [{ line: "resource create R ocf:pacemaker:Dummy", expectFail: false }, { line: "resource bogus", expectFail: true }];
  const golden = {
    steps: [
      { cmd: lines[0].line, rc: 0, stdout: "", stderr: "" },
      { cmd: lines[1].line, rc: 1, stdout: "", stderr: "\nUsage: pcs resource [commands]...\n" },
    ],
    finalXml: '<cib epoch="1"><configuration/></cib>',
  };
  const ok = { rc: 0, stdout: "", stderr: "" };

  test("a failing line must fail with the golden's marker", () => {
    expect(judge("res-x", lines, golden, [ok, { rc: 1, stdout: "", stderr: "Usage: pcs resource" }], '<cib epoch="1">\n <configuration/>\n</cib>')).toMatchObject({ pass: true });
    const v = judge("res-x", lines, golden, [ok, { rc: 1, stdout: "", stderr: "Error: no" }], '<cib epoch="1"><configuration/></cib>');
    expect(v).toMatchObject({ pass: false, rc: false, cib: true });
  });

  test("the CIB counts with every attribute but the volatile ones", () => {
    expect(judge("res-x", lines, golden, [ok, { rc: 2, stdout: "", stderr: "Usage:" }], '<cib epoch="2"><configuration/></cib>')).toMatchObject({ pass: false, rc: true, cib: false });
    expect(judge("res-x", lines, golden, [ok, { rc: 2, stdout: "", stderr: "Usage:" }], undefined)).toMatchObject({ cib: false });
  });

  test("out- scenarios compare the last line's stdout", () => {
    const out = { ...golden, steps: [golden.steps[0], { ...golden.steps[0], cmd: "resource config", stdout: "Resource: R\n  a  b\n" }] };
    const config = [lines[0], { line: "resource config", expectFail: false }];
    const xml = golden.finalXml;
    expect(judge("out-x", config, out, [ok, { ...ok, stdout: "\nResource: R\n a b" }], xml)).toMatchObject({ pass: true, out: true });
    expect(judge("out-x", config, out, [ok, { ...ok, stdout: "Resource: S\n" }], xml)).toMatchObject({ pass: false, out: false });
  });
});
