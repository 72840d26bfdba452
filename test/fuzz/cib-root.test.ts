// The <cib> element's attributes, which every change edits: a file whose root the schema rejects is
// refused before anything is written (real pcs: "unable to get cib"), one it accepts is edited.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { haveTool } from "../helpers/cli";
import { pcsInProcess, restoreStdio } from "../helpers/in-process";

const crmVerify = haveTool("crm_verify");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "pcs-cib-root-"))));
afterAll(() => {
  restoreStdio();
  rmSync(dir, { recursive: true, force: true });
});

const cib = (rootAttributes: string) =>
  `<cib ${rootAttributes}>\n  <configuration>\n    <crm_config/>\n    <nodes/>\n    <resources/>\n    <constraints/>\n  </configuration>\n  <status/>\n</cib>\n`;
const VERSION = 'admin_epoch="0" epoch="1" num_updates="0"';

// [root attributes, the reason given (a part of it), or undefined: accepted]
const ROOTS: [string, string | undefined][] = [
  [`${VERSION} validate-with="pacemaker-3.8"`, undefined],
  [`${VERSION} validate-with="pacemaker-3.8" have-quorum="1" dc-uuid="1" crm_feature_set="3.16.2" cib-last-written="x"`, undefined],
  ['admin_epoch="0" epoch="+7" num_updates="0" validate-with="pacemaker-3.8"', undefined],
  ['admin_epoch="0" num_updates="0" validate-with="pacemaker-3.8"', "the element 'cib' has no attribute 'epoch'"],
  ['admin_epoch="0" epoah="1" num_updates="0" validate-with="pacemaker-3.8"', "has no attribute 'epoch'"],
  ['admin_epoch="0" epoch="x" num_updates="0" validate-with="pacemaker-3.8"', "the attribute 'epoch' of the element 'cib' has an invalid value: 'x'"],
  ['admin_epoch="-1" epoch="1" num_updates="0" validate-with="pacemaker-3.8"', "'admin_epoch' of the element 'cib' has an invalid value"],
  [`${VERSION} validate-with="pacemaker-3.8" foo="1"`, "has an attribute 'foo' the CIB schema does not allow"],
  [`${VERSION} validate-with="pacemaker-3.8" have-quorum="maybe"`, "'have-quorum' of the element 'cib' has an invalid value"],
];

test.each(ROOTS)("<cib %s>", async (attributes, reason) => {
  const file = join(dir, "cib.xml");
  const text = cib(attributes);
  writeFileSync(file, text);
  if (crmVerify) {
    const verify = spawnSync("crm_verify", ["--xml-file", file], { encoding: "utf8", timeout: 30000 });
    expect({ schemaRejects: /Relax-NG validity error|did not pass schema validation/.test(verify.stderr) }).toEqual({ schemaRejects: reason !== undefined });
  }
  const r = await pcsInProcess(["-f", file, "resource", "create", "d", "ocf:heartbeat:Dummy"]);
  if (reason === undefined) {
    expect(r).toMatchObject({ code: 0 });
    expect(readFileSync(file, "utf8")).toContain('<primitive id="d"');
  } else {
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`Error: Unable to parse CIB file '${file}': `)).toBe(true);
    expect(r.stderr).toContain(reason);
    expect(readFileSync(file, "utf8")).toBe(text);
  }
});
