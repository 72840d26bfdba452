import { parseArgv } from "../../src/cli/argv";

describe("argv", () => {
  test("negative numbers and INFINITY are arguments, not options", () => {
    const r = parseArgv(["constraint", "location", "add", "l1", "r", "n1", "-INFINITY", "--force"]);
    expect(r.words).toEqual(["constraint", "location", "add", "l1", "r", "n1", "-INFINITY"]);
    expect([...r.options.keys()]).toEqual(["--force"]);
  });

  test("values: -f FILE, -fFILE, --name=v, --name v, --wait[=n]", () => {
    expect(parseArgv(["-f", "x.xml"]).options.get("-f")).toBe("x.xml");
    expect(parseArgv(["-fx.xml"]).options.get("-f")).toBe("x.xml");
    expect(parseArgv(["--group=g"]).options.get("--group")).toBe("g");
    expect(parseArgv(["--group", "g"]).options.get("--group")).toBe("g");
    expect(parseArgv(["--wait"]).options.get("--wait")).toBeUndefined();
    expect(parseArgv(["--wait=30"]).options.get("--wait")).toBe("30");
  });

  test("unknown and repeated options are errors with pcs's words", () => {
    expect(() => parseArgv(["--bogus"])).toThrow("option --bogus not recognized");
    expect(() => parseArgv(["--force", "--force"])).toThrow("--force can only be used once");
  });

  test("-- ends options", () => {
    expect(parseArgv(["--", "--force"]).words).toEqual(["--force"]);
  });
});
