// Shared pieces of the resource commands: argument parsing with pcs's rules and messages,
// lookups in pcs's legacy style, and the stonith/resource command mismatch warning.
import { section } from "../../cib/document.js";
import { isStonith } from "../../cib/resources.js";
import { descendants, type XmlElement } from "../../cib/xml.js";
import { deprecation, fail, type Reports } from "../../report/index.js";

import { UsageError } from "./usage-error.js";

export { UsageError };

/** pcs's split_option: `name=value` (value may be empty). */
export function splitOption(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq < 0) throw new UsageError(`missing value of '${arg}' option`);
  if (eq === 0) throw new UsageError(`missing key in '${arg}' option`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** pcs's prepare_options: name=value words into a record; a name repeated with another value is an error. */
export function prepareOptions(args: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const arg of args) {
    const [name, value] = splitOption(arg);
    if (!(name in options)) options[name] = value;
    else if (options[name] !== value) {
      throw new UsageError(`duplicate option '${name}' with different values '${options[name]}' and '${value}'`);
    }
  }
  return options;
}

/** pcs's legacy convert_args_to_tuples: words with "=" become (name, value), others are dropped. */
export const argsToTuples = (args: readonly string[]): [string, string][] =>
  args.filter((a) => a.includes("=")).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]);

/**
 * pcs's group_by_keywords: the words before the first keyword go to `implicit` (when given),
 * each keyword collects the words after it; `repeated` keywords get one list per occurrence.
 */
export function groupByKeywords(
  args: readonly string[],
  keywords: readonly string[],
  options: { implicit?: string; repeated?: readonly string[] } = {},
): Map<string, string[][]> {
  const groups = new Map<string, string[][]>();
  let current: string | undefined;
  if (args.length && !keywords.includes(args[0])) {
    if (!options.implicit) throw new UsageError();
    current = options.implicit;
    groups.set(current, [[]]);
  }
  for (const arg of args) {
    if (keywords.includes(arg)) {
      current = arg;
      const list = groups.get(arg);
      if (!list) groups.set(arg, [[]]);
      else if (options.repeated?.includes(arg)) list.push([]);
      continue;
    }
    const list = groups.get(current!)!;
    list[list.length - 1].push(arg);
  }
  return groups;
}

/** The words of a keyword group (all occurrences of a non-repeated keyword are one list). */
export const groupWords = (groups: Map<string, string[][]>, key: string): string[] => (groups.get(key) ?? []).flat();

// ---- legacy (minidom-style) lookups: first element with the tag and id, anywhere ----------

const byTagAndId = (root: XmlElement, tag: string, id: string): XmlElement | undefined =>
  descendants(root, tag).find((e) => e.attrs.id === id);

export const getPrimitive = (cib: XmlElement, id: string) => byTagAndId(cib, "primitive", id);
export const getGroup = (cib: XmlElement, id: string) => byTagAndId(cib, "group", id);
export const getClone = (cib: XmlElement, id: string) => byTagAndId(cib, "clone", id);
export const getMaster = (cib: XmlElement, id: string) => byTagAndId(cib, "master", id);
export const getBundle = (cib: XmlElement, id: string) => byTagAndId(cib, "bundle", id);

/** A primitive, group, clone or master with this id (pcs's dom_get_any_resource). */
export const getAnyResource = (cib: XmlElement, id: string): XmlElement | undefined =>
  getPrimitive(cib, id) ?? getGroup(cib, id) ?? getClone(cib, id) ?? getMaster(cib, id);

/** Whether any of the ids names a stonith primitive. */
export const anyStonith = (cib: XmlElement, ids: readonly string[]): boolean =>
  descendants(section(cib, "resources"), "primitive").some((p) => isStonith(p) && ids.includes(p.attrs.id ?? ""));

/** pcs's warning when a resource command gets a stonith id ("Please use '<cmd>' instead."). */
export function warnIfStonith(cib: XmlElement, ids: readonly string[], reports: Reports, useInstead?: string): void {
  if (!anyStonith(cib, ids)) return;
  reports.add(
    deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", {
      notAcceptedType: "stonith resources",
      suffix: useInstead ? ` Please use '${useInstead}' instead.` : "",
    }),
  );
}

/** Fail at once with a legacy message ("Error: <text>"). */
export const failText = (text: string): never => fail("GENERIC", { text });

/** The value of a meta attribute in any meta_attributes of a resource (pcs's dom_get_meta_attr_value). */
export function metaValue(resource: XmlElement, name: string): string | undefined {
  for (const set of descendants(resource, "meta_attributes")) {
    const pair = set.children.find((p) => p.name === "nvpair" && p.attrs.name === name);
    if (pair) return pair.attrs.value;
  }
  return undefined;
}

export { refuseWaitWithFile, refuseWaitWithMockedCib } from "./wait.js";
