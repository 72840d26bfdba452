// ACL commands: permission ids, role assignment guesses, autodelete, config output.
import { cibSession } from "../helpers/cli";

let s: ReturnType<typeof cibSession>;
beforeEach(() => {
  s = cibSession();
});
afterEach(() => s.cleanup());

test("permissions get <role>-<kind> ids, made unique", () => {
  s.pcs("acl", "role", "create", "r", "read", "xpath", "/cib", "read", "xpath", "//nodes");
  s.pcs("acl", "permission", "add", "r", "WRITE", "XPATH", "//resources");
  expect([...s.read().matchAll(/<acl_permission id="([^"]+)"/g)].map((m) => m[1])).toEqual(["r-read", "r-read-1", "r-write"]);
});

test("config lists users, groups and roles", () => {
  s.pcs("acl", "role", "create", "r", "description=readers", "read", "xpath", "/cib");
  s.pcs("acl", "user", "create", "alice", "r");
  s.pcs("acl", "group", "create", "ops");
  s.pcs("acl", "role", "assign", "r", "to", "group", "ops");
  expect(s.pcs("acl", "config").stdout).toBe(
    "ACLs are disabled, run 'pcs acl enable' to enable\n\n" +
      "User: alice\n  Roles: r\nGroup: ops\n  Roles: r\nRole: r\n  Description: readers\n  Permission: read xpath /cib (r-read)\n",
  );
  s.pcs("acl", "enable");
  expect(s.pcs("acl").stdout.split("\n")[0]).toBe("ACLs are enabled");
});

test("unassign --autodelete removes a user left without roles; errors change nothing", () => {
  s.pcs("acl", "role", "create", "r");
  s.pcs("acl", "user", "create", "alice", "r");
  const before = s.read();
  const r = s.pcs("acl", "role", "assign", "r", "alice");
  expect(r.stderr).toBe("Error: Role 'r' is already assigned to 'alice'\n");
  expect(s.read()).toBe(before);
  expect(s.pcs("acl", "role", "unassign", "r", "from", "alice", "--autodelete").code).toBe(0);
  expect(s.read()).not.toContain("acl_target");
});
