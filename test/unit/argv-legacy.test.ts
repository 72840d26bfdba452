// The deprecated command-line forms pcs 0.11.5 still accepts: negative numbers without `--` and --master.
import { parseArgv } from "../../src/cli/argv";

const NEGATIVE = (args: string) =>
  `Using '${args}' without '--' is deprecated, those parameters will be considered position independent options in future pcs versions`;

describe("argv: legacy forms", () => {
  test("negative numbers without '--' are arguments, with pcs's deprecation naming them all", () => {
    const r = parseArgv(["constraint", "colocation", "add", "R1", "with", "R2", "-100", "-INFINITY"]);
    expect(r.words).toEqual(["constraint", "colocation", "add", "R1", "with", "R2", "-100", "-INFINITY"]);
    expect(r.deprecations).toEqual([NEGATIVE("-100', '-INFINITY")]);
  });

  test("what Python's float() reads counts as a number", () => {
    for (const n of ["-1e5", "-12.3", "-.5", "-1_000", "-inf", "-nan", "-inFIniTY"]) expect(parseArgv(["x", n]).deprecations).toEqual([NEGATIVE(n)]);
    expect(() => parseArgv(["x", "-1__0"])).toThrow("option -1 not recognized");
  });

  test("a value of an option is not a negative argument", () => {
    const r = parseArgv(["resource", "create", "--group", "-5"]);
    expect(r.options.get("--group")).toBe("-5");
    expect(r.deprecations).toEqual([]);
  });

  test("with '--' anywhere, a negative number before it is an option, as for getopt", () => {
    expect(parseArgv(["--", "constraint", "-123"]).deprecations).toEqual([]);
    expect(() => parseArgv(["constraint", "-123", "--", "x"])).toThrow("option -1 not recognized");
  });

  test("--master stands for --promoted, with pcs's deprecation", () => {
    const r = parseArgv(["resource", "ban", "R", "--master"]);
    expect([...r.options.keys()]).toEqual(["--promoted"]);
    expect(r.deprecations).toEqual(["Option '--master' is deprecated and has been replaced by option '--promoted' "]);
    expect([...parseArgv(["--master", "--promoted"]).options.keys()]).toEqual(["--promoted"]);
  });
});
