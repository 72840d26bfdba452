// Location constraints as pcs's legacy commands make them: prefers / avoids, add, rule, rule add / remove.
import { deprecation, error, info, ReportedError, warning, type Reports } from "../../report/index.js";
import { IdIndex, sanitizeId, validateId } from "../ids.js";
import { appendRule, parseRule, ruleDetailLines, ruleErrorMessage, ruleExpressionText, RuleSyntaxError, usesIntegerType } from "../rules/index.js";
import { createElement, detach, serializeXml, type XmlElement } from "../xml.js";
import {
  capitalize,
  checkConstraintResource,
  constraintsOf,
  constraintsSection,
  elementsNamed,
  isLegacyRole,
  isScore,
  newRolesSupported,
  primaryRole,
  roleForCib,
  upgradeCibSchema,
} from "./common.js";
import { parseTypedResource, stop, UsageError, type ArgType } from "./errors.js";
import { pacemakerNodeNames } from "./placement.js";

export interface LocationTarget {
  type: ArgType;
  value: string;
}

const scoreError = (score: string) => `invalid score '${score}', use integer or INFINITY or -INFINITY`;

function checkResource(cib: XmlElement, target: LocationTarget, force: boolean): void {
  if (target.type !== "resource") return;
  const check = checkConstraintResource(cib, target.value, force);
  if (!check.ok) stop(check.message);
}

export interface PlainLocation {
  id: string;
  target: LocationTarget;
  node: string;
  score: string;
  options?: [string, string][];
}

/** Add (or replace: same id, or same resource and node) a node-score location constraint. */
export function putPlainLocation(cib: XmlElement, loc: PlainLocation, force: boolean): void {
  const invalid = validateId(loc.id, "constraint id");
  if (invalid.length) stop(invalid[0].message);
  checkResource(cib, loc.target, force);
  const section = constraintsSection(cib);
  for (const existing of constraintsOf(cib, "rsc_location")) {
    const sameTarget =
      loc.target.type === "resource" ? existing.attrs.rsc === loc.target.value : existing.attrs["rsc-pattern"] === loc.target.value;
    if (existing.attrs.id === loc.id || (existing.attrs.node === loc.node && sameTarget)) detach(existing);
  }
  const element = createElement("rsc_location", { id: loc.id }, section);
  element.attrs[loc.target.type === "resource" ? "rsc" : "rsc-pattern"] = loc.target.value;
  element.attrs.node = loc.node;
  element.attrs.score = loc.score;
  for (const [name, value] of loc.options ?? []) element.attrs[name] = value;
  if (!schemaValidLocation(element)) stop("Unable to update cib");
}

const LOCATION_ATTRS = new Set(["id", "rsc", "rsc-pattern", "role", "score", "score-attribute", "node", "resource-discovery"]);

/** What the CIB schema would refuse when pcs pushes the constraint (pcs then fails "Unable to update cib"). */
function schemaValidLocation(e: XmlElement): boolean {
  if (Object.keys(e.attrs).some((a) => !LOCATION_ATTRS.has(a))) return false;
  if (e.attrs.score !== undefined && !/^[-+]?(INFINITY|\d+)$/.test(e.attrs.score)) return false;
  const discovery = e.attrs["resource-discovery"];
  return discovery === undefined || ["always", "never", "exclusive"].includes(discovery);
}

/**
 * On a live cluster (`checkNodes`) a location constraint's nodes must be ones the CIB knows (cluster,
 * remote or guest nodes) unless --force; with -f or --force pcs warns that it skips the check instead.
 * All unknown nodes are reported together.
 */
function checkLocationNodes(cib: XmlElement, nodes: string[], args: { checkNodes?: boolean; force: boolean; reports: Reports }): void {
  if (!args.checkNodes || args.force) return;
  const known = pacemakerNodeNames(cib);
  const unknown = nodes.filter((n) => !known.has(n));
  if (unknown.length) {
    throw new ReportedError(
      unknown.map((n) => error("CONSTRAINT_ERROR", { text: `Node '${n}' does not appear to exist in configuration, use --force to override` })),
      false,
    );
  }
}

interface NodeCheck {
  /** a live cluster: the nodes must exist (pcs skips the check with -f) */
  checkNodes?: boolean;
}

/** `location <rsc> prefers|avoids <node>[=<score>]...`: returns how many CIB writes pcs makes (epoch steps). */
export function locationPrefers(cib: XmlElement, args: { resource: string; prefer: boolean; nodes: string[]; force: boolean; reports: Reports } & NodeCheck): number {
  const target = parseTypedResource(args.resource);
  if (!args.checkNodes || args.force) args.reports.add(warning("LOCATION_NODE_VALIDATION_SKIPPED", {}));
  const list: PlainLocation[] = [];
  for (const nodeconf of args.nodes) {
    const eq = nodeconf.indexOf("=");
    const node = eq < 0 ? nodeconf : nodeconf.slice(0, eq);
    let score: string;
    if (eq < 0) score = args.prefer ? "INFINITY" : "-INFINITY";
    else {
      score = nodeconf.slice(eq + 1);
      if (!isScore(score)) stop(scoreError(score));
      if (!args.prefer) score = score[0] === "-" ? score.slice(1) : "-" + score;
    }
    list.push({ id: sanitizeId(`location-${target.value}-${node}-${score}`), target, node, score });
  }
  checkLocationNodes(cib, list.map((l) => l.node), args);
  let writes = 0;
  for (const loc of list) {
    const before = serializeXml(constraintsSection(cib));
    putPlainLocation(cib, loc, args.force);
    if (serializeXml(constraintsSection(cib)) !== before) writes++;
  }
  return writes;
}

/** `location add <id> <rsc> <node> <score> [resource-discovery=...]`. */
export function locationAdd(cib: XmlElement, args: { words: string[]; force: boolean; reports: Reports } & NodeCheck): void {
  const words = [...args.words];
  if (words.length < 4) throw new UsageError();
  const [id, rsc, node, score, ...rest] = words;
  const target = parseTypedResource(rsc);
  const options: [string, string][] = [];
  for (const arg of rest) {
    const eq = arg.indexOf("=");
    if (eq < 0) throw new UsageError(`bad option '${arg}'`);
    const name = arg.slice(0, eq);
    options.push([name, arg.slice(eq + 1)]);
    if (name !== "resource-discovery" && !args.force) stop(`bad option '${name}', use --force to override`);
  }
  if (!args.checkNodes || args.force) args.reports.add(warning("LOCATION_NODE_VALIDATION_SKIPPED", {}));
  checkLocationNodes(cib, [node], args);
  if (!isScore(score)) stop(scoreError(score));
  putPlainLocation(cib, { id, target, node, score, options }, args.force);
}

const RULE_OPTIONS = ["id", "role", "score", "score-attribute"];

/** Leading `name=value` words naming known options; the rest is the rule expression. */
function splitRuleOptions(words: string[], names: string[]): { options: Map<string, string>; rule: string[] } {
  const options = new Map<string, string>();
  let i = 0;
  for (; i < words.length; i++) {
    const name = names.find((n) => words[i].startsWith(n + "="));
    if (name === undefined) break;
    options.set(name, words[i].slice(name.length + 1));
  }
  return { options, rule: words.slice(i) };
}

function idInUse(ids: IdIndex, id: string): void {
  if (ids.has(id)) stop(`id '${id}' is already in use, please specify another one`);
}

/** pcs's dom_rule_add: validate the options, parse the rule, append the <rule> to `parent`. */
function addRule(cib: XmlElement, parent: XmlElement, options: Map<string, string>, ruleWords: string[], ids: IdIndex, reports: Reports): XmlElement {
  const score = options.get("score");
  const scoreAttribute = options.get("score-attribute");
  if (score && scoreAttribute) stop("can not specify both score and score-attribute");
  if (score && !isScore(score)) stop(`invalid score'${score}'`);
  let role = options.get("role");
  if (role) {
    const cap = capitalize(role);
    if (isLegacyRole(role)) reports.add(deprecation("LEGACY_ROLE_DEPRECATED", { role, replacedBy: primaryRole(cap) }));
    if (!["Promoted", "Master", "Unpromoted", "Slave"].includes(cap)) {
      stop(`invalid role '${role}', use 'Master', 'Promoted', 'Slave' or 'Unpromoted'`);
    }
    role = roleForCib(cap, newRolesSupported(cib));
  }
  const ruleId = options.get("id");
  if (ruleId) {
    const invalid = validateId(ruleId, "rule id");
    if (invalid.length) stop(invalid[0].message);
    idInUse(ids, ruleId);
  }
  if (!ruleWords.length) stop("no rule expression was specified");
  let rule: XmlElement;
  try {
    rule = appendRule(parent, parseRule(ruleWords), { ids, ruleId: ruleId || undefined, nestedScore: "0" });
  } catch (e) {
    if (e instanceof RuleSyntaxError) stop(ruleErrorMessage(ruleWords, e));
    throw e;
  }
  if (role !== undefined) rule.attrs.role = role;
  const finalScore = !score && !scoreAttribute ? "INFINITY" : score;
  if (finalScore !== undefined) rule.attrs.score = finalScore;
  if (scoreAttribute !== undefined) rule.attrs["score-attribute"] = scoreAttribute;
  for (const [name, value] of options) if (!RULE_OPTIONS.includes(name)) rule.attrs[name] = value;
  delete parent.attrs.score;
  delete parent.attrs.node;
  return rule;
}

function normalizedRules(element: XmlElement): string {
  const target = element.attrs["rsc-pattern"] !== undefined ? `regexp:${element.attrs["rsc-pattern"]}` : `resource:${element.attrs.rsc ?? ""}`;
  return JSON.stringify([target, elementsNamed(element, "rule").map((r) => ruleExpressionText(r, true))]);
}

/** Refuse a location rule constraint equal to an existing one (unless --force), with pcs's listing. */
function checkRuleDuplicates(cib: XmlElement, element: XmlElement, force: boolean): void {
  if (force) return;
  const key = normalizedRules(element);
  const duplicates = elementsNamed(constraintsSection(cib), "rsc_location").filter(
    (other) => other !== element && elementsNamed(other, "rule").length && normalizedRules(other) === key,
  );
  if (!duplicates.length) return;
  const lines: string[] = [];
  for (const dup of duplicates) {
    lines.push(`  Constraint: ${dup.attrs.id}`);
    for (const rule of dup.children.filter((c) => c.name === "rule")) {
      lines.push(ruleDetailLines(rule, { detail: true }).map((l) => "    " + l).join("\n"));
    }
  }
  stop(`duplicate constraint already exists, use --force to override\n${lines.join("\n")}`);
}

function upgradeForIntegers(cib: XmlElement, ruleWords: string[], reports: Reports): void {
  try {
    if (usesIntegerType(parseRule(ruleWords)) && upgradeCibSchema(cib)) reports.add(info("CIB_UPGRADED", {}));
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
  }
}

/** `location <rsc> rule [id=] [role=] [constraint-id=] [resource-discovery=] [score=|score-attribute=] <expr>`. */
export function locationRule(cib: XmlElement, args: { resource: string; words: string[]; force: boolean; reports: Reports }): void {
  const target = parseTypedResource(args.resource);
  const { options, rule } = splitRuleOptions(args.words, [...RULE_OPTIONS, "constraint-id", "resource-discovery"]);
  upgradeForIntegers(cib, rule, args.reports);
  checkResource(cib, target, args.force);
  const ids = new IdIndex(cib);
  const element = createElement("rsc_location", {}, constraintsSection(cib));
  const discovery = options.get("resource-discovery");
  if (discovery) {
    element.attrs["resource-discovery"] = discovery;
    options.delete("resource-discovery");
  }
  const constraintId = options.get("constraint-id");
  if (constraintId) {
    const invalid = validateId(constraintId, "constraint id");
    if (invalid.length) stop(invalid[0].message);
    idInUse(ids, constraintId);
    element.attrs.id = constraintId;
    ids.allocate(constraintId);
  } else element.attrs.id = ids.allocate(sanitizeId(`location-${target.value}`));
  options.delete("constraint-id");
  element.attrs[target.type === "resource" ? "rsc" : "rsc-pattern"] = target.value;
  addRule(cib, element, options, rule, ids, args.reports);
  if (!schemaValidLocation(element)) stop("Unable to update cib");
  checkRuleDuplicates(cib, element, args.force);
}

/** `constraint rule add <constraint id> [id=] [role=] [score=|score-attribute=] <expr>`. */
export function ruleAdd(cib: XmlElement, args: { constraintId: string; words: string[]; force: boolean; reports: Reports }): void {
  const { options, rule } = splitRuleOptions(args.words, RULE_OPTIONS);
  upgradeForIntegers(cib, rule, args.reports);
  const element = constraintsOf(cib, "rsc_location").find((c) => c.attrs.id === args.constraintId);
  if (!element) stop(`Unable to find constraint: ${args.constraintId}`);
  addRule(cib, element!, options, rule, new IdIndex(cib), args.reports);
  checkRuleDuplicates(cib, element!, args.force);
}

/** `constraint rule delete <rule id>`: drops the rule, or its constraint when it was the only child. */
export function ruleRemove(cib: XmlElement, ruleId: string, reports: Reports): void {
  for (const location of elementsNamed(constraintsSection(cib), "rsc_location")) {
    const rule = location.children.find((c) => c.attrs.id === ruleId);
    if (!rule) continue;
    if (location.children.length > 1) {
      reports.add(info("CONSTRAINT_PROGRESS", { text: `Removing Rule: ${ruleId}` }));
      detach(rule);
    } else {
      reports.add(info("CONSTRAINT_PROGRESS", { text: `Removing Constraint: ${location.attrs.id}` }));
      detach(location);
    }
    return;
  }
  stop(`unable to find rule with id: ${ruleId}`);
}

/** `location delete <id>`. */
export function locationRemove(cib: XmlElement, id: string): void {
  const found = constraintsOf(cib, "rsc_location").filter((c) => c.attrs.id === id);
  if (!found.length) stop(`resource location id: ${id} not found.`);
  for (const f of found) detach(f);
}

