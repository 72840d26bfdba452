// FileEnv.transformCib (cluster cib-upgrade with -f) reads and writes the file under one lock: a writer
// that comes meanwhile waits for it, and neither change is lost.
import { lstatSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emptyCib, section } from "../../src/cib/document";
import { cloneElement, createElement, serializeXml } from "../../src/cib/xml";
import { FileEnv } from "../../src/env/file";
import { Reports } from "../../src/report";
import { tempDir } from "../helpers/cli";

async function until(condition: () => boolean, deadlineMs = 10000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("a writer during a transform waits for it; both changes are kept", async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, "cib.xml");
    writeFileSync(file, serializeXml(emptyCib()));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let transformed = false;
    const transform = new FileEnv(file).transformCib(async (cib) => {
      await gate;
      const next = cloneElement(cib);
      next.attrs.admin_epoch = "5";
      transformed = true;
      return next;
    });
    // (the lock is a symlink to its owner's record, which lstat sees)
    await until(() => {
      try {
        return lstatSync(`${file}.lock`).isSymbolicLink();
      } catch {
        return false;
      }
    });
    let editedAfter: boolean | undefined;
    const edit = new FileEnv(file).editCib((cib) => {
      editedAfter = transformed;
      createElement("primitive", { id: "r1", class: "ocf", provider: "heartbeat", type: "Dummy" }, section(cib, "resources"));
    }, new Reports());
    release();
    await Promise.all([transform, edit]);
    expect(editedAfter).toBe(true);
    const text = readFileSync(file, "utf8");
    expect(text).toContain('admin_epoch="5"');
    expect(text).toContain('<primitive id="r1"');
  } finally {
    cleanup();
  }
});
