import { cibSession } from "../helpers/cli";

describe("resource create", () => {
  const session = cibSession();
  afterAll(() => session.cleanup());

  it("adds default operations from the agent's metadata", () => {
    const r = session.pcs("resource", "create", "d1", "ocf:heartbeat:Dummy");
    expect(r.code).toBe(0);
    const cib = session.read();
    for (const action of ["migrate_from", "migrate_to", "monitor", "reload", "start", "stop"]) {
      expect(cib).toContain(`name="${action}"`);
    }
    expect(cib).toContain('id="d1-monitor-interval-10s"');
  });

  it("fails on an existing id and leaves the file unchanged", () => {
    const before = session.read();
    const r = session.pcs("resource", "create", "d1", "ocf:heartbeat:Dummy");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: 'd1' already exists");
    expect(session.read()).toBe(before);
  });

  it("reports unknown options as forceable", () => {
    const r = session.pcs("resource", "create", "d2", "ocf:heartbeat:Dummy", "bogus=1");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid resource option 'bogus'");
    expect(r.stderr).toContain("use --force to override");
    const forced = session.pcs("resource", "create", "d2", "ocf:heartbeat:Dummy", "bogus=1", "--force");
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain("Warning: invalid resource option 'bogus'");
  });
});
