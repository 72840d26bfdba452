// A pcs killed while it holds the -f file's lock (or mid-write) must not delay the next command, and the
// file must stay whole; a live holder must still be waited for.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatOwner, lockFile, ownerOf } from "../../src/env/file-lock";
import { removeStaleTempFiles } from "../../src/host/atomic";
import { PCS, tempDir } from "../helpers/cli";

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

function startPcs(args: string[]): { child: ChildProcess; done: Promise<Done> } {
  const started = Date.now();
  const child = spawn(process.execPath, [PCS, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Done>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stderr, ms: Date.now() - started })),
  );
  return { child, done };
}

const runPcs = (args: string[]) => startPcs(args).done;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A CIB of some megabytes, so that a command spends most of its time holding the lock. */
function writeBigCib(file: string, resources: number): void {
  const primitives: string[] = [];
  for (let i = 0; i < resources; i++) {
    primitives.push(
      `<primitive class="ocf" id="r${i}" provider="pacemaker" type="Dummy">` +
        `<instance_attributes id="r${i}-instance_attributes"><nvpair id="r${i}-instance_attributes-state" name="state" value="${"x".repeat(200)}"/></instance_attributes>` +
        `<operations><op id="r${i}-monitor-interval-10s" interval="10s" name="monitor" timeout="20s"/></operations></primitive>`,
    );
  }
  writeFileSync(
    file,
    `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" crm_feature_set="3.17.4"><configuration><crm_config/><nodes/>` +
      `<resources>${primitives.join("")}</resources><constraints/></configuration><status/></cib>\n`,
  );
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n !== "cib.xml");

describe("the -f file's lock", () => {
  test("a writer killed at random points never delays the next command by more than ~1 s, nor leaves a partial file", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      writeBigCib(file, 15000);
      const first = await runPcs(["-f", file, "resource", "meta", "r0", "warm=up"]);
      expect(first.code).toBe(0);
      const baseline = (await runPcs(["-f", file, "resource", "meta", "r0", "warm=again"])).ms;
      let killedHolding = 0;
      for (let i = 1; i <= 12; i++) {
        const before = readFileSync(file, "latin1");
        const writer = startPcs(["-f", file, "resource", "meta", `r${i}`, `killed${i}=yes`]);
        await sleep(30 + Math.random() * baseline * 0.9);
        writer.child.kill("SIGKILL");
        const end = await writer.done;
        if (end.signal === "SIGKILL" && leftovers(dir).length > 0) killedHolding++;

        const after = readFileSync(file, "latin1");
        if (after !== before) {
          expect(after).toContain(`name="killed${i}" value="yes"`);
          expect(after.endsWith("</cib>\n")).toBe(true);
        }
        const next = await runPcs(["-f", file, "resource", "meta", "r0", `after${i}=yes`]);
        expect(next.stderr).toBe("");
        expect(next.code).toBe(0);
        expect(next.ms).toBeLessThan(baseline + 1500);
        expect(leftovers(dir)).toEqual([]);
      }
      // the kills must have hit while the lock was held, or the test proves nothing
      expect(killedHolding).toBeGreaterThan(0);
    } finally {
      cleanup();
    }
  }, 120000);

  test("a lock whose owner is alive is waited for; once the owner is killed it is broken at once", async () => {
    const { dir, cleanup } = tempDir();
    const owner = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      const file = join(dir, "cib.xml");
      await runPcs(["-f", file, "resource", "create", "A", "ocf:pacemaker:Dummy"]);
      await sleep(50);
      symlinkSync(formatOwner(ownerOf(owner.pid!)), `${file}.lock`);
      const writer = startPcs(["-f", file, "resource", "create", "B", "ocf:pacemaker:Dummy"]);
      await sleep(1500);
      expect(writer.child.exitCode).toBeNull();
      expect(readFileSync(file, "utf8")).not.toContain('id="B"');
      const killedAt = Date.now();
      owner.kill("SIGKILL");
      const end = await writer.done;
      expect(end.code).toBe(0);
      expect(Date.now() - killedAt).toBeLessThan(1000);
      expect(readFileSync(file, "utf8")).toContain('id="B"');
      expect(existsSync(`${file}.lock`)).toBe(false);
    } finally {
      owner.kill("SIGKILL");
      cleanup();
    }
  });

  test("a lock naming a live pid that started at another time (a reused pid) is stale", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      const reused = { ...ownerOf(process.pid), start: "1" };
      symlinkSync(formatOwner(reused), `${file}.lock`);
      const end = await runPcs(["-f", file, "resource", "create", "A", "ocf:pacemaker:Dummy"]);
      expect(end.code).toBe(0);
      expect(end.ms).toBeLessThan(3000);
    } finally {
      cleanup();
    }
  });

  test("a lock held in this process keeps a pcs writer out until released", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      const held = await lockFile(file);
      expect(lstatSync(`${file}.lock`).isSymbolicLink()).toBe(true);
      const writer = startPcs(["-f", file, "resource", "create", "A", "ocf:pacemaker:Dummy"]);
      await sleep(1000);
      expect(writer.child.exitCode).toBeNull();
      expect(existsSync(file)).toBe(false);
      held.release();
      expect((await writer.done).code).toBe(0);
      expect(readFileSync(file, "utf8")).toContain('id="A"');
    } finally {
      cleanup();
    }
  });

  test("two lockers in one process never hold the lock at once", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      let holders = 0;
      let most = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          const held = await lockFile(file);
          holders++;
          most = Math.max(most, holders);
          await sleep(10);
          holders--;
          held.release();
        }),
      );
      expect(most).toBe(1);
    } finally {
      cleanup();
    }
  });

  test("concurrent live writers, some killed, lose no update of the survivors", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "cib.xml");
      await runPcs(["-f", file, "resource", "create", "seed", "ocf:pacemaker:Dummy"]);
      const writers = Array.from({ length: 16 }, (_, i) => startPcs(["-f", file, "resource", "create", `w${i}`, "ocf:pacemaker:Dummy"]));
      await sleep(150);
      for (const i of [3, 7, 11]) writers[i].child.kill("SIGKILL");
      const ends = await Promise.all(writers.map((w) => w.done));
      const cib = readFileSync(file, "utf8");
      ends.forEach((end, i) => {
        if (end.signal === "SIGKILL") return;
        expect(end.code).toBe(0);
        expect(cib).toContain(`<primitive id="w${i}" `);
      });
      expect((await runPcs(["-f", file, "resource", "create", "last", "ocf:pacemaker:Dummy"])).code).toBe(0);
      expect(leftovers(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  test("temporary files of dead writers are removed, those of live ones kept", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const dead = spawn("true");
      await new Promise((resolve) => dead.on("exit", resolve));
      const file = join(dir, "cib.xml");
      writeFileSync(file, "<cib/>\n");
      const stale = [`.cib.xml.${dead.pid}.0.tmp`, `.cib.xml.${dead.pid}.tmp`];
      const kept = [`.cib.xml.${process.pid}.3.tmp`, `.other.xml.${dead.pid}.0.tmp`];
      for (const n of [...stale, ...kept]) writeFileSync(join(dir, n), "partial");
      expect(removeStaleTempFiles(file).sort()).toEqual(stale.sort());
      expect(leftovers(dir).sort()).toEqual(kept.sort());
    } finally {
      cleanup();
    }
  });
});
