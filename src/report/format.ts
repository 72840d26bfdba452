/** pcs's quoting of name lists: 'a', 'b', 'c' (sorted), or 'a', 'b' or 'c' with a conjunction. */
export function quoteList(items: readonly string[], conjunction?: "and" | "or", sort = true): string {
  const list = (sort ? [...items].sort() : [...items]).map((s) => `'${s}'`);
  if (!conjunction || list.length < 2) return list.join(", ");
  return `${list.slice(0, -1).join(", ")} ${conjunction} ${list[list.length - 1]}`;
}

/** `singular` for one item (a count, or a list's length), else `pluralForm`. */
export const plural = (items: number | readonly unknown[], singular: string, pluralForm = singular + "s"): string =>
  (typeof items === "number" ? items : items.length) === 1 ? singular : pluralForm;

// pcs names element types for users: "primitive" is a resource, "master" a clone.
const TYPE_NAMES: Record<string, string> = {
  acl_group: "ACL group",
  acl_permission: "ACL permission",
  acl_role: "ACL role",
  acl_target: "ACL user",
  master: "clone",
  primitive: "resource",
};
const AN_TYPES = new Set(["ACL group", "ACL user", "ACL role", "ACL permission", "options set"]);

/** pcs's name of an element type ("primitive" -> "resource"), optionally with its article. */
export function typeName(type: string, article = false): string {
  if (!type) return "";
  const name = TYPE_NAMES[type] ?? type;
  return article ? `${AN_TYPES.has(name) ? "an" : "a"} ${name}` : name;
}

/** pcs's "clone/group/resource": unique translated names, sorted, joined by "/". */
export function typeList(types: readonly string[], article = false): string {
  if (!types.length) return "";
  const names = [...new Set(types.map((t) => TYPE_NAMES[t] ?? t))].sort();
  const joined = names.join("/");
  return article ? `${AN_TYPES.has(names[0]) ? "an" : "a"} ${joined}` : joined;
}
