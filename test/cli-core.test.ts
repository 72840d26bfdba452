import { writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cibSession, runPcs } from "./helpers/cli";

describe("pcs core behaviour", () => {
  test("a missing -f file is created holding pcs's empty CIB", () => {
    const s = cibSession();
    try {
      expect(s.pcs("cluster", "cib").code).toBe(0);
      expect(s.read()).toContain('<cib admin_epoch="0" epoch="1" num_updates="1" validate-with="pacemaker-3.1">');
    } finally {
      s.cleanup();
    }
  });

  test("a malformed CIB file is an error naming the file and the line, and is left unchanged", () => {
    const s = cibSession();
    try {
      const bad = "<cib>\n<configuration>\n</resources>\n</cib>\n";
      writeFileSync(s.file, bad);
      const r = s.pcs("cluster", "cib");
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^Error: Unable to parse CIB file '${s.file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}': line 3, column \\d+`));
      expect(readFileSync(s.file, "utf8")).toBe(bad);
    } finally {
      s.cleanup();
    }
  });

  test("unknown options, unsupported options and --version", () => {
    expect(runPcs(["--bogus"]).stderr).toMatch(/^Error: option --bogus not recognized/);
    expect(runPcs(["cluster", "cib", "--all"]).stderr).toBe("Error: Specified option '--all' is not supported in this command\n");
    expect(runPcs(["--version"]).stdout).toBe("0.11.5\n");
  });

  test("--help prints the command's usage from the route table", () => {
    const r = runPcs(["cluster", "cib", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\nUsage: pcs cluster cib\.\.\.\n {4}cib \[filename\]/);
  });

  test("cluster cib FILE writes the CIB to a file", () => {
    const s = cibSession();
    try {
      const out = join(s.dir, "copy.xml");
      expect(s.pcs("cluster", "cib", out).code).toBe(0);
      expect(readFileSync(out, "utf8")).toBe(s.read());
    } finally {
      s.cleanup();
    }
  });
});
