// pcs's legacy clone commands (resource clone / promotable / update <clone> / meta) print the
// library's reports themselves and stop: no closing "Errors have occurred" line, the file unchanged.
import { writeFileSync } from "node:fs";
import { cibSession } from "../helpers/cli";

describe("clone option checks in the legacy commands", () => {
  const s = cibSession();
  afterAll(s.cleanup);
  let before = "";
  beforeAll(() => {
    expect(s.pcs("resource", "create", "R", "systemd:pacemaker", "--force").code).toBe(0);
    expect(s.pcs("resource", "create", "D", "ocf:heartbeat:Dummy", "clone").code).toBe(0);
    expect(s.pcs("stonith", "create", "F", "fence_xvm", "--force").code).toBe(0);
    before = s.read();
  });

  test.each([
    [["resource", "clone", "R", "promotable=true"], "Error: Clone option 'promotable' is not compatible with 'systemd:pacemaker' resource agent of resource 'R'\n"],
    [["resource", "promotable", "R"], "Error: Clone option 'promotable' is not compatible with 'systemd:pacemaker' resource agent of resource 'R'\n"],
    [
      ["resource", "clone", "F"],
      "Deprecation Warning: Ability of this command to accept stonith resources is deprecated and will be removed in a future release.\n" +
        "Error: No need to clone stonith resource 'F', any node can use a stonith resource (unless specifically banned) regardless of whether the stonith resource is running on that node or not, use --force to override\n",
    ],
  ])("pcs %j", (args, stderr) => {
    const r = s.pcs(...args);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr });
    expect(s.read()).toBe(before);
  });

  test("resource update and meta of a clone check every cloned primitive, named", () => {
    expect(s.pcs("resource", "clone", "R").code).toBe(0);
    const cloned = s.read();
    for (const command of [["resource", "update", "R-clone", "globally-unique=1"], ["resource", "meta", "R-clone", "globally-unique=1"]]) {
      const r = s.pcs(...command);
      expect({ command, code: r.code, stderr: r.stderr }).toEqual({
        command,
        code: 1,
        stderr: "Error: Clone option 'globally-unique' is not compatible with 'systemd:pacemaker' resource agent of resource 'R'\n",
      });
      expect(s.read()).toBe(cloned);
    }
  });
});

describe("a <master> left by pcs 0.9", () => {
  const s = cibSession();
  afterAll(s.cleanup);

  test("resource update makes it a promotable <clone> first, as pcs does", () => {
    expect(s.pcs("resource", "create", "S", "ocf:pacemaker:Stateful").code).toBe(0);
    const text = s.read().replace(/(<primitive id="S"[\s\S]*?<\/primitive>)/, '<master id="S-master">$1</master>');
    writeFileSync(s.file, text);
    const r = s.pcs("resource", "update", "S-master", "meta", "a=b");
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const written = s.read();
    expect(written).not.toContain("<master");
    expect(written).toMatch(/<clone id="S-master">[\s\S]*<nvpair id="S-master-meta_attributes-promotable" name="promotable" value="true"\/>\s*<nvpair id="S-master-meta_attributes-a" name="a" value="b"\/>/);
  });
});
