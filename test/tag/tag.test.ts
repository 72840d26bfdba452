// Tag commands: reference order, moving ids, and errors that keep the file unchanged.
import { cibSession } from "../helpers/cli";

let s: ReturnType<typeof cibSession>;
beforeEach(() => {
  s = cibSession();
  for (const id of ["A", "B", "C"]) s.pcs("resource", "create", id, "ocf:heartbeat:Dummy", "--no-default-ops");
});
afterEach(() => s.cleanup());

const refs = () => [...s.read().matchAll(/<obj_ref id="([^"]+)"/g)].map((m) => m[1]);

test("create keeps the given order; --before and --after place and move ids", () => {
  expect(s.pcs("tag", "create", "T", "B", "A").code).toBe(0);
  expect(refs()).toEqual(["B", "A"]);
  expect(s.pcs("tag", "update", "T", "add", "C", "--before", "B").code).toBe(0);
  expect(refs()).toEqual(["C", "B", "A"]);
  expect(s.pcs("tag", "update", "T", "add", "C", "--after", "A").code).toBe(0);
  expect(refs()).toEqual(["B", "A", "C"]);
  expect(s.pcs("tag", "config").stdout).toBe("T\n  B\n  A\n  C\n");
});

test("validation errors are all reported at once and change nothing", () => {
  s.pcs("tag", "create", "T", "A");
  const before = s.read();
  const r = s.pcs("tag", "update", "T", "add", "A", "nope", "remove", "B");
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    "Error: bundle/clone/group/resource 'nope' does not exist\n" +
      "Error: Cannot add reference id already in the tag 'T': 'A'\n" +
      "Error: Tag 'T' does not contain id: 'B'\n" +
      "Error: Errors have occurred, therefore pcs is unable to continue\n",
  );
  expect(s.read()).toBe(before);
});

test("removing the last references removes the tag only through tag delete", () => {
  s.pcs("tag", "create", "T", "A", "B");
  expect(s.pcs("tag", "update", "T", "remove", "A", "B").code).toBe(1);
  expect(s.pcs("tag", "delete", "T").code).toBe(0);
  expect(s.pcs("tag", "config").stderr).toBe(" No tags defined\n");
});
