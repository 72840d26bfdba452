// Command line errors of the legacy constraint commands: pcs's sub-usage layout, error + hint + usage.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyCib } from "../../src/cib/document";
import { serializeXml } from "../../src/cib/xml";
import { pcsInProcess, restoreStdio } from "../helpers/in-process";

let dir: string;
let cib: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "con-usage-"));
  cib = join(dir, "cib.xml");
  writeFileSync(cib, serializeXml(emptyCib()));
});
afterAll(() => {
  restoreStdio();
  rmSync(dir, { recursive: true, force: true });
});

const pcs = (line: string) => pcsInProcess(["-f", cib, ...line.split(" ")]);
const HEAD = "\nUsage: pcs constraint [constraints]...\n";

test.each([
  ["constraint colocation add D1", "colocation add"],
  ["constraint colocation add promoted D1 D2", "colocation add"],
  ["constraint colocation delete D1", "colocation delete <"],
  ["constraint ticket delete", "ticket delete <"],
  ["constraint ticket remove T", "ticket remove <"],
  ["constraint order set", "order set <"],
])("%s prints the usage entry of its sub-command", async (line, entry) => {
  const r = await pcs(line);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe("");
  expect(r.stderr.startsWith(`${HEAD}    ${entry}`)).toBe(true);
});

test.each([
  ["constraint colocation add D1 with D2 with D3", "with", "colocation", "colocation add"],
  ["constraint order start D1 then D2 then D3", "then", "order", "order [config]"],
])("%s: an error, a hint and the usage", async (line, keyword, command, entry) => {
  const r = await pcs(line);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `Error: Multiple '${keyword}'s cannot be specified.\n` +
      `Hint: Use the 'pcs constraint ${command} set' command if you want to create a constraint for more than two resources.\n` +
      `${HEAD}    ${entry}`,
  );
});

test("an option error is the error alone", async () => {
  const r = await pcs("constraint ticket add");
  expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: Ticket not specified\n" });
});
