// resource meta / resource update refuse to make or unmake a guest node through remote-node unless
// forced, and even forced the node must not take a name in use (outputs of pcs 0.11.5).
import { cibSession } from "../helpers/cli";

const ADD = "this command is not sufficient for creating a guest node, use 'pcs cluster node add-guest'";
const REMOVE = "this command is not sufficient for removing a guest node, use 'pcs cluster node remove-guest'";
const SUMMARY = "Error: Errors have occurred, therefore pcs is unable to continue\n";

describe("guest node changes through meta attributes", () => {
  const s = cibSession();
  afterAll(s.cleanup);
  beforeAll(() => expect(s.pcs("resource", "create", "R", "ocf:heartbeat:Dummy").code).toBe(0));

  test.each([
    [["resource", "meta", "R", "remote-node=HOST"], `Error: ${ADD}, use --force to override\n${SUMMARY}`],
    [["resource", "update", "R", "meta", "remote-node=HOST"], `Error: ${ADD}, use --force to override\n${SUMMARY}`],
    [["resource", "update", "R", "meta", "remote-node="], `Error: ${REMOVE}, use --force to override\n${SUMMARY}`],
    [["resource", "meta", "R", "remote-node="], `Error: ${REMOVE}, use --force to override\n${SUMMARY}`],
    [["resource", "meta", "R", "remote-node=R", "--force"], `Warning: ${ADD}\nError: 'R' already exists\n${SUMMARY}`],
  ])("pcs %j is refused, the file unchanged", (args, stderr) => {
    const before = s.read();
    const r = s.pcs(...args);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr });
    expect(s.read()).toBe(before);
  });

  test("forced, it warns and sets the attribute; setting the value it has is no change to warn of", () => {
    const r = s.pcs("resource", "meta", "R", "remote-node=HOST", "--force");
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: `Warning: ${ADD}\n` });
    expect(s.read()).toContain('name="remote-node" value="HOST"');
    const again = s.pcs("resource", "update", "R", "meta", "remote-node=HOST");
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: "" });
  });
});
