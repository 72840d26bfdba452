// Colocation constraints: `colocation add` (pcs's legacy command) and `colocation set`.
import { deprecation, error, type Reports } from "../../report/index.js";
import { IdIndex, validateId } from "../ids.js";
import { appendChild, createElement, detach, type XmlElement } from "../xml.js";
import { capitalize, checkConstraintResource, schemaAccepts, constraintsOf, constraintsSection, isLegacyRole, isScore, legacyRoleText, newRolesSupported, roleForCib, ROLES, SCORE_INFINITY } from "./common.js";
import { stop, tooManyResources, UsageError } from "./errors.js";
import { colocationPlain } from "./format.js";
import type { Options } from "./options.js";
import { checkOptionNames, constraintIdOption, createWithSets, raise, setConstraintId, type SetConstraintKind } from "./sets.js";

/** Whether a word is a score or a name=value option (pcs's is_score_or_opt). */
const isScoreOrOption = (word: string) => isScore(word) || (word.includes("=") && word.indexOf("=") > 0);

/** `colocation add [<role>] <rsc> with [<role>] <rsc> [score] [options] [id=...]`. */
export function colocationAdd(cib: XmlElement, args: { words: string[]; force: boolean; reports: Reports }): void {
  const argv = [...args.words];
  if (argv.length < 3) throw new UsageError();
  const newRoles = newRolesSupported(cib);
  const prepareRole = (role: string): string => {
    const cleaned = capitalize(role);
    if (!(ROLES as readonly string[]).includes(cleaned)) {
      stop(`invalid role value '${role}', allowed values are: ${[...ROLES].sort().map((r) => `'${r}'`).join(", ")}`);
    }
    if (isLegacyRole(role)) args.reports.add(deprecation("LEGACY_ROLE_DEPRECATED", { role, replacedBy: roleForCib(cleaned, true) }));
    return roleForCib(cleaned, newRoles);
  };
  let role1 = "";
  let role2 = "";
  let rsc1: string;
  if (argv[2] === "with") {
    role1 = prepareRole(argv.shift()!);
    rsc1 = argv.shift()!;
  } else if (argv[1] === "with") rsc1 = argv.shift()!;
  else throw new UsageError();
  if (argv.shift() !== "with") throw new UsageError();
  if (argv.includes("with")) throw tooManyResources("with", "colocation");
  if (!argv.length) throw new UsageError();
  let rsc2: string;
  if (argv.length === 1 || isScoreOrOption(argv[1])) rsc2 = argv.shift()!;
  else {
    role2 = prepareRole(argv.shift()!);
    rsc2 = argv.shift()!;
  }
  let score = SCORE_INFINITY;
  if (argv.length && !argv[0].includes("=")) score = argv.shift()!;
  const pairs: [string, string][] = argv.map((arg) => {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new UsageError(eq === 0 ? `missing key in '${arg}' option` : `missing value of '${arg}' option`);
    if (eq === arg.length - 1) throw new UsageError(`value of '${arg.slice(0, eq)}' option is empty`);
    return [arg.slice(0, eq), arg.slice(eq + 1)];
  });
  for (const rsc of [rsc1, rsc2]) {
    const check = checkConstraintResource(cib, rsc, args.force);
    if (!check.ok) stop(check.message);
  }
  const ids = new IdIndex(cib);
  let hasId = false;
  for (const [name, value] of pairs) {
    if (name !== "id") continue;
    const invalid = validateId(value, "constraint id");
    if (invalid.length) stop(invalid[0].message);
    if (ids.has(value)) stop(`id '${value}' is already in use, please specify another one`);
    hasId = true;
  }
  if (!hasId) pairs.push(["id", ids.allocate(`colocation-${rsc1}-${rsc2}-${score}`)]);
  if (role1 && !role2) role2 = "Started";
  if (role2 && !role1) role1 = "Started";
  const element = createElement("rsc_colocation", { rsc: rsc1, "with-rsc": rsc2, score });
  if (role1) element.attrs["rsc-role"] = role1;
  if (role2) element.attrs["with-rsc-role"] = role2;
  for (const [name, value] of pairs) element.attrs[name] = value;
  if (!args.force) {
    const norm = (e: XmlElement) =>
      [e.attrs.rsc ?? "", e.attrs["with-rsc"] ?? "", roleForCib(capitalize(e.attrs["rsc-role"] ?? "") || "Started", newRoles), roleForCib(capitalize(e.attrs["with-rsc-role"] ?? "") || "Started", newRoles)].join("\u0000");
    const key = norm(element);
    const dups = constraintsOf(cib, "rsc_colocation").filter((o) => !o.children.some((c) => c.name === "resource_set") && norm(o) === key);
    if (dups.length) {
      stop(`duplicate constraint already exists, use --force to override\n${dups.map((d) => "  " + colocationPlain(d, true)).join("\n")}`);
    }
  }
  appendChild(constraintsSection(cib), element);
  if (!schemaAccepts(element)) stop("Unable to update cib");
}

/** `colocation delete <rsc1> <rsc2>`: removes plain colocations between them (either direction). */
export function colocationRemove(cib: XmlElement, rsc1: string, rsc2: string): void {
  const found = constraintsOf(cib, "rsc_colocation").filter(
    (c) => (c.attrs.rsc === rsc1 && c.attrs["with-rsc"] === rsc2) || (c.attrs.rsc === rsc2 && c.attrs["with-rsc"] === rsc1),
  );
  if (!found.length) stop("No matching resources found in ordering list");
  for (const f of found) detach(f);
}

export const colocationSetKind: SetConstraintKind = {
  tag: "rsc_colocation",
  prepare: (cib, options: Options, sets, ids) => {
    checkOptionNames(options, ["score", "id"]);
    constraintIdOption(options, ids, () => setConstraintId(ids, "colocation", sets));
    const score = options.get("score");
    if (score !== undefined) {
      if (!isScore(score)) raise(error("INVALID_SCORE", { score }));
    } else options.set("score", SCORE_INFINITY);
    return options;
  },
};

export const colocationSet = (cib: XmlElement, args: Parameters<typeof createWithSets>[2]) => createWithSets(cib, colocationSetKind, args);
export { legacyRoleText };
