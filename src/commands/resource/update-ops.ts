// `resource update ... op <action> <options>`: each given action replaces the first operation
// of the same action and role, in its place (or is appended when there is none).
import { roleForCib } from "../../cib/roles.js";
import { IdIndex, idsConformToSchema } from "../../cib/ids.js";
import { argsToPairs, legacyAddOperation } from "../../cib/operations-legacy.js";
import { detach, type XmlElement } from "../../cib/xml.js";
import { fail } from "../../report/index.js";

export function updateOperations(primitive: XmlElement, ops: string[][], flags: { force: boolean; newRoleNames: boolean }): void {
  const role = (value: string) => (value ? roleForCib(value, flags.newRoleNames) : value);
  for (const argv of ops) {
    if (!argv.length) continue;
    const name = argv[0];
    if (name.includes("=")) fail("GENERIC", { text: `${name} does not appear to be a valid operation action` });
    if (argv.length < 2) continue;
    const wantedRole = role(argsToPairs(argv.slice(1)).find(([k]) => k === "role")?.[1] ?? "");
    const operations = primitive.children.find((c) => c.name === "operations");
    const existing = operations ? operations.children.filter((c) => c.name === "op") : [];
    const index = existing.findIndex((op) => op.attrs.name === name && role(op.attrs.role ?? "") === wantedRole);
    const before = index >= 0 ? existing[index + 1] : undefined;
    if (index >= 0) detach(existing[index]);
    // ids of the replaced operation are free again
    const ids = new IdIndex(rootOf(primitive));
    const op = legacyAddOperation({ resource: primitive, ids, argv, strict: false, force: flags.force, newRoleNames: flags.newRoleNames, before });
    if (!idsConformToSchema(op)) fail("CIB_UPDATE_SCHEMA_INVALID", {});
  }
}

function rootOf(e: XmlElement): XmlElement {
  let root = e;
  while (root.parent) root = root.parent;
  return root;
}
