import { cibSession } from "../helpers/cli";

describe("resource update", () => {
  const session = cibSession();
  afterAll(() => session.cleanup());

  it("changes and removes instance attributes", () => {
    expect(session.pcs("resource", "create", "d1", "ocf:heartbeat:Dummy", "fake=1").code).toBe(0);
    expect(session.pcs("resource", "update", "d1", "fake=2", "state=/tmp/x").code).toBe(0);
    expect(session.read()).toContain('name="fake" value="2"');
    expect(session.pcs("resource", "update", "d1", "fake=").code).toBe(0);
    expect(session.read()).not.toContain('name="fake"');
  });

  it("replaces an operation in place, reusing its id", () => {
    expect(session.pcs("resource", "update", "d1", "op", "start", "timeout=90s").code).toBe(0);
    expect(session.read()).toContain('<op id="d1-start-interval-0s" name="start" interval="0s" timeout="90s"/>');
  });

  it("fails on a missing resource without touching the file", () => {
    const before = session.read();
    const r = session.pcs("resource", "update", "nope", "a=b");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: Unable to find resource: nope\n");
    expect(session.read()).toBe(before);
  });
});
