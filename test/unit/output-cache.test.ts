// A program's remembered output is used while the program's file is the same one, and only then.
import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedOutput } from "../../src/host/output-cache";
import { processRunner } from "../../src/host/runner";

const dir = mkdtempSync(join(tmpdir(), "pcs-lite-output-cache-"));
const program = join(dir, "daemon");
const runs = join(dir, "runs");
const before = process.env.PCS_LITE_CACHE_DIR;

beforeAll(() => {
  process.env.PCS_LITE_CACHE_DIR = join(dir, "cache");
});
afterAll(() => {
  if (before === undefined) delete process.env.PCS_LITE_CACHE_DIR;
  else process.env.PCS_LITE_CACHE_DIR = before;
  rmSync(dir, { recursive: true, force: true });
});

/** A program that prints `text` and counts its runs. */
function install(text: string): void {
  writeFileSync(program, `#!/bin/sh\necho run >> ${runs}\necho '${text}'\n`);
  chmodSync(program, 0o755);
}

const timesRun = () => readFileSync(runs, "utf8").split("\n").filter(Boolean).length;
const ask = () => cachedOutput(program, ["metadata"], () => processRunner(program, ["metadata"]));

test("the second run reads the first one's output; a new program file runs again", async () => {
  install("<metadata v1/>");
  expect((await ask()).stdout.trim()).toBe("<metadata v1/>");
  expect((await ask()).stdout.trim()).toBe("<metadata v1/>");
  expect(timesRun()).toBe(1);

  // an upgrade: another file (size and time differ)
  install("<metadata version2/>");
  utimesSync(program, new Date(), new Date(Date.now() + 5000));
  expect((await ask()).stdout.trim()).toBe("<metadata version2/>");
  expect(timesRun()).toBe(2);
  expect((await ask()).stdout.trim()).toBe("<metadata version2/>");
  expect(timesRun()).toBe(2);
});

test("a failed run is not remembered, and an unwritable cache only costs a run", async () => {
  const failing = join(dir, "failing");
  writeFileSync(failing, `#!/bin/sh\necho run >> ${runs}\nexit 3\n`);
  chmodSync(failing, 0o755);
  const start = timesRun();
  const askFailing = () => cachedOutput(failing, ["metadata"], () => processRunner(failing, ["metadata"]));
  expect((await askFailing()).code).toBe(3);
  expect((await askFailing()).code).toBe(3);
  expect(timesRun()).toBe(start + 2);

  process.env.PCS_LITE_CACHE_DIR = join(program, "not-a-folder");
  try {
    expect((await ask()).stdout.trim()).toBe("<metadata version2/>");
    expect(timesRun()).toBe(start + 3);
  } finally {
    process.env.PCS_LITE_CACHE_DIR = join(dir, "cache");
  }
});
