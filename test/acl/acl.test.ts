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

test("usage errors print pcs's sub-usage: the command's entries, or its group's with ' ...' for an unknown word", () => {
  const head = (...args: string[]) => s.pcs(...args).stderr.split("\n").slice(0, 3);
  expect(head("acl", "role", "create", "r", "read")).toEqual(["", "Usage: pcs acl role create...", "    role create <role id> [description=<description>]"]);
  expect(head("acl", "permission", "add", "r", "read")[1]).toBe("Usage: pcs acl permission add...");
  expect(head("acl", "role", "bogus", "x")[1]).toBe("Usage: pcs acl role ...");
  expect(head("acl", "role")[1]).toBe("Usage: pcs acl role...");
  // "config" is no synopsis of its own ("[config]"): the whole area's entries, as pcs falls back to
  expect(head("acl", "config", "x").slice(1)).toEqual(["Usage: pcs acl ...", "    [config]"]);
  expect(head("acl", "bogus").slice(1)).toEqual(["Usage: pcs acl ...", "    [config]"]);
  expect(s.pcs("acl", "role", "create").stderr.endsWith(".\n\n")).toBe(true);
});

test("stonith level usage errors name the level command, an unknown one the level group", () => {
  const head = (...args: string[]) => s.pcs(...args).stderr.split("\n")[1];
  expect(head("stonith", "level", "add", "1")).toBe("Usage: pcs stonith level add...");
  expect(head("stonith", "level", "delete")).toBe("Usage: pcs stonith level delete...");
  expect(head("stonith", "level", "bogus")).toBe("Usage: pcs stonith level ...");
  expect(head("stonith", "level", "config", "x")).toBe("Usage: pcs stonith level...");
});
