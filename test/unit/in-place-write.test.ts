// corosync.conf is rewritten in place (as pcs does), with a durable sibling copy that a later writer
// uses to finish a write its writer did not live to finish.
import { spawnSync } from "node:child_process";
import { linkSync, openSync, readdirSync, readFileSync, readSync, statSync, symlinkSync, writeFileSync, chmodSync, closeSync } from "node:fs";
import { join } from "node:path";
import { recoverInterruptedWrites, writeFileInPlace } from "../../src/host/in-place";
import { exportCorosyncConf, parseCorosyncConf } from "../../src/corosync/parser";
import { tempDir } from "../helpers/cli";

const deadPid = (): number => {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
};

describe("writeFileInPlace", () => {
  it("keeps the inode: open handles, hard links and symlinks see the new content; mode is kept", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "corosync.conf");
      writeFileSync(file, "old content that is longer than the new one\n");
      chmodSync(file, 0o640);
      linkSync(file, join(dir, "hard"));
      symlinkSync(file, join(dir, "soft"));
      const fd = openSync(file, "r");
      const inode = statSync(file).ino;
      writeFileInPlace(file, "new\n");
      const buf = Buffer.alloc(100);
      const n = readSync(fd, buf, 0, 100, 0);
      closeSync(fd);
      expect(buf.subarray(0, n).toString()).toBe("new\n");
      expect(readFileSync(join(dir, "hard"), "utf8")).toBe("new\n");
      expect(readFileSync(join(dir, "soft"), "utf8")).toBe("new\n");
      expect(statSync(file).ino).toBe(inode);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(readdirSync(dir).sort()).toEqual(["corosync.conf", "hard", "soft"]);
    } finally {
      cleanup();
    }
  });

  it("finishes a write whose writer died after making its copy; drops an unfinished copy", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "corosync.conf");
      writeFileSync(file, "tot"); // a write torn in the middle
      const pid = deadPid();
      writeFileSync(join(dir, `.corosync.conf.${pid}.0.new`), "totem {\n}\n");
      writeFileSync(join(dir, `.corosync.conf.${pid}.1.tmp`), "half a co");
      expect(recoverInterruptedWrites(file)).toBe(1);
      expect(readFileSync(file, "utf8")).toBe("totem {\n}\n");
      expect(readdirSync(dir)).toEqual(["corosync.conf"]);
    } finally {
      cleanup();
    }
  });

  it("leaves the copies of live writers alone", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, "corosync.conf");
      writeFileSync(file, "a\n");
      writeFileSync(join(dir, `.corosync.conf.${process.pid}.99.new`), "b\n");
      expect(recoverInterruptedWrites(file)).toBe(0);
      expect(readFileSync(file, "utf8")).toBe("a\n");
    } finally {
      cleanup();
    }
  });
});

describe("corosync.conf parser", () => {
  it("writes pcs's layout: 4-space indents, blank lines between sections and after values", () => {
    const text = "# c\ntotem {\n\tversion: 2\n  a :  b c  \n interface {\n linknumber: 0\n }\n}\nlogging {\n}\nquorum {\ndevice {\nnet {\nhost: h\n}\n}\n}\n";
    expect(exportCorosyncConf(parseCorosyncConf(text))).toBe(
      "totem {\n    version: 2\n    a: b c\n\n    interface {\n        linknumber: 0\n    }\n}\n\nlogging {\n}\n\n" +
        "quorum {\n    device {\n        net {\n            host: h\n        }\n    }\n}\n",
    );
    expect(exportCorosyncConf(parseCorosyncConf(""))).toBe("");
  });

  it.each([
    ["a {\n", "missing closing brace"],
    ["}\n", "unexpected closing brace"],
    ["a {\n} x\n}\n", "extra characters before or after }"],
    ["{\n}\n", "missing a section name before {"],
    ["a { x\n}\n", "extra characters after {"],
    ["just words\n", "a line is not opening or closing a section or key: value"],
  ])("refuses %j: %s", (text, what) => {
    expect(() => parseCorosyncConf(text)).toThrow(`Unable to parse corosync config: ${what}`);
  });
});
