// Order constraints: `order [action] <rsc> then [action] <rsc> [options]` (legacy) and `order set`.
import { error, info, quoteList, type Reports } from "../../report/index.js";
import { IdIndex, validateId } from "../ids.js";
import { findResource, PRIMITIVE } from "../resources.js";
import { createElement, detach, type XmlElement } from "../xml.js";
import { ACTIONS, checkConstraintResource, schemaAccepts, constraintsOf, constraintsSection, elementsNamed } from "./common.js";
import { stop, tooManyResources, UsageError } from "./errors.js";
import { orderPlain } from "./format.js";
import type { Options } from "./options.js";
import { checkOptionNames, constraintIdOption, createWithSets, raise, setConstraintId, type SetConstraintKind } from "./sets.js";

const SYMMETRICAL = ["true", "false"];
const KINDS = ["Optional", "Mandatory", "Serialize"];

function splitOption(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new UsageError(eq === 0 ? `missing key in '${arg}' option` : `missing value of '${arg}' option`);
  if (eq === arg.length - 1) throw new UsageError(`value of '${arg.slice(0, eq)}' option is empty`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** `order [action] <rsc> then [action] <rsc> [options]`. */
export function orderAdd(cib: XmlElement, args: { words: string[]; force: boolean; reports: Reports }): void {
  const argv = [...args.words];
  if (argv.length < 3) throw new UsageError();
  let firstAction = "start";
  let thenAction = "start";
  if ((ACTIONS as readonly string[]).includes(argv[0])) firstAction = argv.shift()!;
  const rsc1 = argv.shift()!;
  if (argv.shift() !== "then") throw new UsageError();
  if (!argv.length) throw new UsageError();
  if ((ACTIONS as readonly string[]).includes(argv[0])) thenAction = argv.shift()!;
  if (!argv.length) throw new UsageError();
  const rsc2 = argv.shift()!;
  if (argv.includes("then")) throw tooManyResources("then", "order");
  const list = [...argv, `first-action=${firstAction}`, `then-action=${thenAction}`];

  for (const rsc of [rsc1, rsc2]) {
    const check = checkConstraintResource(cib, rsc, args.force);
    if (!check.ok) stop(check.message);
  }
  const p1 = findResource(cib, rsc1, [PRIMITIVE]);
  const p2 = findResource(cib, rsc2, [PRIMITIVE]);
  if (p1 && p2 && p1.parent?.name === "group" && p1.parent === p2.parent) {
    stop("Cannot create an order constraint for resources in the same group");
  }
  const ids = new IdIndex(cib);
  const options: [string, string][] = [];
  let idGiven = false;
  let sym: string | undefined;
  for (const arg of list) {
    if (arg === "symmetrical") sym = "true";
    else if (arg === "nonsymmetrical") sym = "false";
    else {
      const [name, value] = splitOption(arg);
      if (name === "id") {
        const invalid = validateId(value, "constraint id");
        if (invalid.length) stop(invalid[0].message);
        if (ids.has(value)) stop(`id '${value}' is already in use, please specify another one`);
        idGiven = true;
        options.push([name, value]);
      } else if (name === "symmetrical") {
        if (SYMMETRICAL.includes(value.toLowerCase())) sym = value.toLowerCase();
        else stop(`invalid symmetrical value '${value}', allowed values are: ${SYMMETRICAL.join(", ")}`);
      } else options.push([name, value]);
    }
  }
  if (sym) options.push(["symmetrical", sym]);
  const shown = options.filter(([n]) => n !== "kind" && n !== "score").map(([n, v]) => `${n}=${v}`);
  const optionsText = options.length ? ` (Options: ${shown.join(" ")})` : "";
  let scoreKind = "kind: Mandatory";
  let suffix = "mandatory";
  const decisive = options.find(([n]) => n === "score" || n === "kind");
  if (decisive) {
    scoreKind = `${decisive[0]}: ${decisive[1]}`;
    suffix = decisive[1];
  }
  if (!idGiven) options.push(["id", ids.allocate(`order-${rsc1}-${rsc2}-${suffix}`)]);
  const section = constraintsSection(cib);
  const element = createElement("rsc_order", { first: rsc1, then: rsc2 }, section);
  for (const [name, value] of options) element.attrs[name] = value;
  if (!args.force) {
    const norm = (e: XmlElement) =>
      [e.attrs.first ?? "", e.attrs.then ?? "", (e.attrs["first-action"] ?? "").toLowerCase() || "start", (e.attrs["then-action"] ?? "").toLowerCase() || "start"].join("\u0000");
    const key = norm(element);
    const dups = constraintsOf(cib, "rsc_order").filter((o) => o !== element && !o.children.some((c) => c.name === "resource_set") && norm(o) === key);
    if (dups.length) stop(`duplicate constraint already exists, use --force to override\n${dups.map((d) => "  " + orderPlain(d, true)).join("\n")}`);
  }
  args.reports.add(info("CONSTRAINT_PROGRESS", { text: `Adding ${rsc1} ${rsc2} (${scoreKind})${optionsText}` }));
  if (!schemaAccepts(element)) stop("Unable to update cib");
}

/** `order delete <rsc>...`: drops plain orders of the resources and their refs in order sets. */
export function orderRemove(cib: XmlElement, resources: string[]): void {
  let found = false;
  const section = constraintsSection(cib);
  for (const rsc of resources) {
    for (const o of constraintsOf(cib, "rsc_order")) {
      if (o.attrs.first === rsc || o.attrs.then === rsc) {
        detach(o);
        found = true;
      }
    }
    for (const ref of elementsNamed(section, "resource_ref").filter((r) => r.attrs.id === rsc)) {
      found = true;
      const set = ref.parent!;
      const constraint = set.parent!;
      detach(ref);
      if (!elementsNamed(set, "resource_ref").length) {
        detach(set);
        if (!elementsNamed(constraint, "resource_set").length) detach(constraint);
      }
    }
  }
  if (!found) stop("No matching resources found in ordering list");
}

export const orderSetKind: SetConstraintKind = {
  tag: "rsc_order",
  prepare: (cib, options: Options, sets, ids) => {
    checkOptionNames(options, ["symmetrical", "kind", "id"]);
    constraintIdOption(options, ids, () => setConstraintId(ids, "order", sets));
    const items = [];
    const kind = options.get("kind");
    if (kind !== undefined) {
      const k = kind ? kind[0].toUpperCase() + kind.slice(1).toLowerCase() : kind;
      if (!KINDS.includes(k)) items.push(error("INVALID_OPTION_VALUE", { name: "kind", value: kind, allowed: quoteList(KINDS) }));
      options.set("kind", k);
    }
    const sym = options.get("symmetrical");
    if (sym !== undefined) {
      if (!SYMMETRICAL.includes(sym.toLowerCase())) {
        items.push(error("INVALID_OPTION_VALUE", { name: "symmetrical", value: sym, allowed: quoteList(SYMMETRICAL) }));
      }
      options.set("symmetrical", sym.toLowerCase());
    }
    if (items.length) raise(...items);
    return options;
  },
};

export const orderSet = (cib: XmlElement, args: Parameters<typeof createWithSets>[2]) => createWithSets(cib, orderSetKind, args);
