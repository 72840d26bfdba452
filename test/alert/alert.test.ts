// Alert commands on a CIB file: ids, nvsets, output, and files left untouched on errors.
import { cibSession } from "../helpers/cli";

let s: ReturnType<typeof cibSession>;
beforeEach(() => {
  s = cibSession();
});
afterEach(() => s.cleanup());

test("create, recipients and config", () => {
  expect(s.pcs("alert", "create", "path=/a.sh", "options", "b=2", "a=1", "meta", "timeout=5s").code).toBe(0);
  expect(s.pcs("alert", "recipient", "add", "alert", "value=admin@example.com").code).toBe(0);
  expect(s.read()).toContain('<alert id="alert" path="/a.sh">');
  expect(s.read()).toContain('<nvpair id="alert-instance_attributes-a" name="a" value="1"/>');
  expect(s.pcs("alert", "config").stdout).toBe(
    "Alerts:\n Alert: alert (path=/a.sh)\n  Options: a=1 b=2\n  Meta options: timeout=5s\n  Recipients:\n" +
      "   Recipient: alert-recipient (value=admin@example.com)\n",
  );
});

test("errors leave the file byte for byte unchanged", () => {
  s.pcs("alert", "create", "path=/a.sh", "id=A");
  s.pcs("alert", "recipient", "add", "A", "value=v");
  const before = s.read();
  for (const args of [
    ["alert", "create", "path=/b", "id=A"],
    ["alert", "recipient", "add", "A", "value=v"],
    ["alert", "delete", "A", "nope"],
    ["alert", "update", "nope", "path=/x"],
    ["alert", "recipient", "update", "A-recipient", "value="],
  ]) {
    const r = s.pcs(...args);
    expect({ args, code: r.code, error: r.stderr.startsWith("Error: ") }).toEqual({ args, code: 1, error: true });
    expect(s.read()).toBe(before);
  }
});

test("--force allows a repeated recipient value with a warning", () => {
  s.pcs("alert", "create", "path=/a.sh", "id=A");
  s.pcs("alert", "recipient", "add", "A", "value=v");
  const r = s.pcs("alert", "recipient", "add", "A", "value=v", "--force");
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("Warning: Recipient 'v' in alert 'A' already exists\n");
});
