// The pcs rule grammar (the one `pcs constraint location ... rule` accepts): words -> AST.
// A Pratt parser whose error texts match pcs 0.11.5, so messages such as
// "'<rule>' is not a valid rule expression: unexpected 'x' after 'eq'" come out the same.
import { isIso8601Date } from "./dates.js";

export const SIMPLE_TYPES = ["string", "integer", "number", "version"] as const;
export type SimpleType = (typeof SIMPLE_TYPES)[number];
export const COMPARISONS = ["eq", "ne", "lt", "gt", "lte", "gte"] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const DATE_PARTS = ["hours", "monthdays", "weekdays", "yeardays", "months", "weeks", "years", "weekyears", "moon"] as const;

/** Date-spec / duration parts in the order the user gave them. */
export type DateParts = [string, string][];

export type RuleNode =
  | { kind: "boolean"; op: "and" | "or"; children: [RuleNode, RuleNode] }
  | { kind: "defined"; op: "defined" | "not_defined"; attribute: string }
  | { kind: "compare"; op: Comparison; attribute: string; type?: SimpleType; value: string }
  | { kind: "date"; op: "gt" | "lt"; date: string }
  | { kind: "in_range"; start?: string; end?: string; duration?: DateParts }
  | { kind: "date_spec"; parts: DateParts }
  | { kind: "rsc"; standard?: string; provider?: string; type?: string }
  | { kind: "op"; name: string; interval?: string };

/** Grammar extensions of the newer rule commands (defaults sets): `resource c:p:t`, `op name [interval=..]`. */
export interface RuleGrammar {
  rscOp?: boolean;
}

/** A rule that does not parse; `detail` is what pcs adds after "is not a valid rule expression". */
export class RuleSyntaxError extends Error {
  constructor(readonly detail: string | undefined) {
    super(detail ?? "invalid rule");
  }
}

// ---- tokens ---------------------------------------------------------------------------------

const DATE_SPEC = "date-spec";
const DURATION = "duration";

const acceptsDatePart = (word: string): boolean => DATE_PARTS.some((n) => word === n || word.startsWith(n + "="));

/** Split parentheses off words and join the words after date-spec / duration into one token. */
export function preprocessRuleWords(words: readonly string[]): string[] {
  const split: string[] = [];
  for (const word of words) {
    if (!word.includes("(") && !word.includes(")")) {
      split.push(word);
      continue;
    }
    let part = "";
    for (const char of word) {
      if (char === "(" || char === ")") {
        if (part) split.push(part);
        part = "";
        split.push(char);
      } else part += char;
    }
    if (part) split.push(part);
  }
  const out: string[] = [];
  let group: string[] | undefined;
  const flush = () => {
    if (!group) return;
    out.push(group[0]);
    if (group.length > 1) out.push(group.slice(1).join(" "));
    group = undefined;
  };
  for (const token of split) {
    if (group) {
      if (acceptsDatePart(token)) {
        group.push(token);
        continue;
      }
      flush();
      out.push(token);
    } else if (token === DATE_SPEC || token === DURATION) group = [token];
    else out.push(token);
  }
  flush();
  return out;
}

// ---- parse tree -----------------------------------------------------------------------------

const LITERAL = "{literal}";
const END = "{end}";

interface Sym {
  id: string;
  value?: string;
  rsc?: { standard?: string; provider?: string; type?: string };
  op?: { name: string; interval?: string };
  parts?: DateParts;
  children: Sym[];
}

const BOOLEANS = ["and", "or"];
const PREFIXES = ["defined", "not_defined"];
const DATE_TYPES = [DATE_SPEC, DURATION];
const TYPES = [...SIMPLE_TYPES, ...DATE_TYPES];
const BINDING: Record<string, number> = {
  ...Object.fromEntries(COMPARISONS.map((c) => [c, 50])),
  in_range: 50,
  ...Object.fromEntries(PREFIXES.map((p) => [p, 60])),
  ...Object.fromEntries(TYPES.map((t) => [t, 70])),
  ...Object.fromEntries(BOOLEANS.map((b) => [b, 40])),
};
const SYMBOLS = new Set([...Object.keys(BINDING), "to", "(", ")", LITERAL, END]);
const RSC = "resource";
const OP = "op";
const LEGACY_OPERATORS = [...COMPARISONS, "in_range", ...PREFIXES, DATE_SPEC, ...BOOLEANS];
const ALL_OPERATORS = [...LEGACY_OPERATORS, RSC, OP];
const RSC_RE = /^([^\s:()]+)?:([^\s:()]+)?:([^\s:()]+)?$/;
const INTERVAL_RE = /^interval=(\d+[a-zA-Z]*)$/;

const VALUE_RE: Record<string, RegExp> = {
  integer: /^[-+]?\d+$/,
  number: /^[-+]?(\d+|(\d*\.\d+)|(\d+\.\d*))([eE][+-]?\d+)?$/,
  version: /^\d+(\.\d+)*$/,
};
const SPEC_LIMITS: Record<string, [number, number]> = {
  hours: [0, 23],
  monthdays: [0, 31],
  weekdays: [1, 7],
  yeardays: [1, 366],
  months: [1, 12],
  weeks: [1, 53],
  weekyears: [1, 53],
  moon: [0, 7],
};

const label = (s: Sym): string => (s.id === END ? "end" : s.id === LITERAL ? String(s.value) : s.id);
const fail = (detail?: string): never => {
  throw new RuleSyntaxError(detail);
};

function parseDateParts(text: string, keyword: string): DateParts {
  const parts: DateParts = [];
  for (const part of text.split(/\s+/).filter(Boolean)) {
    if (!acceptsDatePart(part)) fail(`unexpected '${part}' in ${keyword}`);
    const eq = part.indexOf("=");
    if (eq < 0) fail(`missing =value after '${part}' in ${keyword}`);
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (value === "") fail(`missing value after '${part}' in ${keyword}`);
    const existing = parts.find((p) => p[0] === name);
    if (existing) existing[1] = value;
    else parts.push([name, value]);
  }
  if (!parts.length) fail(`missing one of '${DATE_PARTS.join("=', '")}=' in ${keyword}`);
  for (const [name, value] of parts) {
    if (keyword === DURATION) {
      if (!/^\d+$/.test(value)) fail(`invalid ${name} '${value}' in '${DURATION}'`);
      continue;
    }
    const m = /^(\d+)(-(\d+))?$/.exec(value);
    const limits = SPEC_LIMITS[name];
    const inLimits = (v: string) => !limits || (limits[0] <= Number(v) && Number(v) <= limits[1]);
    if (!m || !inLimits(m[1]) || (m[3] !== undefined && Number(m[1]) >= Number(m[3]))) {
      fail(`invalid ${name} '${value}' in '${DATE_SPEC}'`);
    }
  }
  return parts;
}

class PrattParser {
  private index = -1;
  private current!: Sym;
  private program: Sym[] = [];

  constructor(private readonly grammar: RuleGrammar = {}) {}

  /** `resource c:p:t` / `op name [interval=x]` starting at tokens[i]; returns the tokens used. */
  private rscOpSym(tokens: readonly string[], i: number): number {
    const token = tokens[i];
    const next = tokens[i + 1];
    if (token === RSC) {
      const m = next === undefined ? null : RSC_RE.exec(next);
      if (!m) fail(next === undefined ? "missing resource name after 'resource'" : `unexpected '${next}' after 'resource'`);
      const [, standard, provider, type] = m!;
      this.program.push({ id: RSC, rsc: { standard, provider, type }, children: [] });
      return 2;
    }
    if (next === undefined || next === "(" || next === ")") fail("missing operation name after 'op'");
    const interval = tokens[i + 2] !== undefined && tokens[i + 2].startsWith("interval") ? tokens[i + 2] : undefined;
    if (interval !== undefined) {
      const m = INTERVAL_RE.exec(interval);
      if (!m) fail(`invalid interval '${interval}' after 'op ${next}'`);
      this.program.push({ id: OP, op: { name: next, interval: m![1] }, children: [] });
      return 3;
    }
    if (tokens[i + 2] !== undefined && /=/.test(tokens[i + 2])) fail(`unexpected '${tokens[i + 2]}' after 'op ${next}'`);
    this.program.push({ id: OP, op: { name: next }, children: [] });
    return 2;
  }

  parse(tokens: readonly string[]): Sym {
    this.program = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const previous = this.program[this.program.length - 1];
      const afterType = previous !== undefined && TYPES.includes(previous.id);
      if (this.grammar.rscOp && !afterType && (token === RSC || token === OP)) {
        i += this.rscOpSym(tokens, i) - 1;
        continue;
      }
      if (SYMBOLS.has(token) && !afterType) this.program.push({ id: token, children: [] });
      else this.program.push({ id: LITERAL, value: token, children: [] });
    }
    this.program.push({ id: END, children: [] });
    this.advance();
    const result = this.expression();
    if (this.current.id !== END) fail(`unexpected '${label(this.current)}'`);
    return result;
  }

  private advance(expected?: string): void {
    if (expected && this.current.id !== expected) {
      if (this.current.id === END) fail(`missing '${expected}'`);
      fail(`expecting '${expected}', got '${label(this.current)}'`);
    }
    this.index++;
    if (this.index >= this.program.length) throw new RuleSyntaxError("unexpected end of rule");
    this.current = this.program[this.index];
  }

  private expression(rbp = 0): Sym {
    let symbol = this.current;
    this.advance();
    let left = this.nud(symbol);
    while (rbp < (BINDING[this.current.id] ?? 0)) {
      symbol = this.current;
      this.advance();
      left = this.led(symbol, left);
    }
    return left;
  }

  private nud(s: Sym): Sym {
    const id = s.id;
    if (id === LITERAL || id === END || id === RSC || id === OP) return s;
    if (id === "(") {
      const inner = this.expression();
      this.advance(")");
      return inner;
    }
    if (PREFIXES.includes(id)) {
      const child = this.expression(BINDING[id]);
      s.children.push(child);
      if (child.id !== LITERAL) fail(`unexpected '${label(child)}' after '${id}'`);
      return s;
    }
    if (DATE_TYPES.includes(id)) {
      const child = this.expression(BINDING[id]);
      child.parts = parseDateParts(String(child.value), id);
      s.children.push(child);
      return s;
    }
    if (TYPES.includes(id)) {
      const child = this.expression(BINDING[id]);
      s.children.push(child);
      const re = VALUE_RE[id];
      if (re && !re.test(String(child.value))) fail(`invalid ${id} value '${child.value}'`);
      return s;
    }
    return fail(`unexpected '${label(s)}'`);
  }

  private led(s: Sym, left: Sym): Sym {
    const id = s.id;
    const check = (child: Sym, allowed: readonly string[], message: string) => {
      if (!allowed.includes(child.id)) fail(message);
    };
    if ((COMPARISONS as readonly string[]).includes(id) || BOOLEANS.includes(id)) {
      const allowed = BOOLEANS.includes(id) ? [ALL_OPERATORS, ALL_OPERATORS] : [[LITERAL], [LITERAL, ...SIMPLE_TYPES]];
      s.children.push(left);
      check(left, allowed[0], `unexpected '${label(left)}' before '${id}'`);
      const right = this.expression(BINDING[id]);
      s.children.push(right);
      check(right, allowed[1], `unexpected '${label(right)}' after '${id}'`);
      return s;
    }
    if (id === "in_range") {
      s.children.push(left);
      if (left.id !== LITERAL || left.value !== "date") fail(`unexpected '${label(left)}' before 'in_range'`);
      // the newer grammar (defaults sets) takes `date in_range to <end>` without a start
      const start: Sym = this.grammar.rscOp && this.current.id === "to" ? { id: LITERAL, children: [] } : this.expression(BINDING[id]);
      s.children.push(start);
      check(start, [LITERAL], `unexpected '${label(start)}' after 'in_range'`);
      this.advance("to");
      const end = this.expression(BINDING[id]);
      s.children.push(end);
      check(end, [LITERAL, DURATION], `unexpected '${label(end)}' after 'in_range ... to'`);
      for (const child of [start, end]) {
        if (child.id === LITERAL && child.value !== undefined && !isIso8601Date(String(child.value))) {
          fail(`invalid date '${child.value}' in 'in_range ... to'`);
        }
      }
      return s;
    }
    return fail(`unexpected '${label(s)}' after '${label(left)}'`);
  }
}

function toAst(s: Sym): RuleNode {
  const id = s.id;
  if (BOOLEANS.includes(id)) {
    return { kind: "boolean", op: id as "and" | "or", children: [toAst(s.children[0]), toAst(s.children[1])] };
  }
  const [first, second, third] = s.children;
  if ((id === "gt" || id === "lt" || id === "in_range") && first.value === "date" && second.id === LITERAL) {
    const start = second.value;
    if (start !== undefined && !isIso8601Date(start)) fail(`'${start}' is not an ISO 8601 date`);
    if (id !== "in_range") return { kind: "date", op: id, date: String(start) };
    if (third.id === DURATION) return { kind: "in_range", start, duration: third.children[0].parts };
    if (!isIso8601Date(String(third.value))) fail(`'${third.value}' is not an ISO 8601 date`);
    return { kind: "in_range", start, end: String(third.value) };
  }
  if (id === DATE_SPEC) return { kind: "date_spec", parts: first.parts ?? [] };
  if (id === RSC) return { kind: "rsc", ...s.rsc };
  if (id === OP) return { kind: "op", ...s.op! };
  if (PREFIXES.includes(id)) return { kind: "defined", op: id as "defined" | "not_defined", attribute: String(first.value) };
  if ((COMPARISONS as readonly string[]).includes(id)) {
    if (second.id === LITERAL) return { kind: "compare", op: id as Comparison, attribute: String(first.value), value: String(second.value) };
    return {
      kind: "compare",
      op: id as Comparison,
      attribute: String(first.value),
      type: second.id as SimpleType,
      value: String(second.children[0].value),
    };
  }
  return fail();
}

/**
 * Parse the words of a rule (as given on the command line, e.g. ["#uname", "eq", "node1", "and",
 * "date-spec", "hours=9-16"]). Throws RuleSyntaxError with pcs's detail text.
 */
export function parseRule(words: readonly string[], grammar: RuleGrammar = {}): RuleNode {
  const tree = new PrattParser(grammar).parse(preprocessRuleWords(words));
  if (tree.id === LITERAL || tree.id === END || (TYPES.includes(tree.id) && tree.id !== DATE_SPEC)) {
    fail(`missing one of '${LEGACY_OPERATORS.filter((o) => !BOOLEANS.includes(o)).join("', '")}'`);
  }
  return toAst(tree);
}

/** The message pcs prints for a rule that does not parse. */
export function ruleErrorMessage(words: readonly string[], e: RuleSyntaxError): string {
  return `'${words.join(" ")}' is not a valid rule expression${e.detail ? ": " + e.detail : ""}`;
}

/** Every leaf expression of the rule, left to right. */
export function ruleLeaves(node: RuleNode): RuleNode[] {
  return node.kind === "boolean" ? node.children.flatMap(ruleLeaves) : [node];
}

/** Whether the rule compares a node attribute as an integer (needs CIB schema 3.5+). */
export function usesIntegerType(node: RuleNode): boolean {
  if (node.kind === "boolean") return node.children.some(usesIntegerType);
  return node.kind === "compare" && node.type === "integer";
}
