// The rule grammar of the defaults sets (pcs 0.11's newer rule parser): a rule text -> expression tree.
// It follows the semantics of the grammar pcs builds with pyparsing (longest alternative wins, no
// backtracking into optional parts, keywords caseless), so a rule that does not parse fails at the
// same column pcs names. Values are not checked here: see rule-validate.ts.
import type { DateParts, RuleNode } from "../../cib/rules/index.js";

export type RuleLeaf = Exclude<RuleNode, { kind: "boolean" }>;
export type DefaultsRule = { kind: "bool"; op: "and" | "or"; children: DefaultsRule[] } | RuleLeaf;

/** The rule text does not parse; `column` counts from 1 as pcs prints it. */
export class RuleParseError extends Error {
  constructor(
    readonly rule: string,
    readonly column: number,
  ) {
    super(`parse error at column ${column}`);
  }
}

type Result<T> = { ok: true; pos: number; value: T } | { ok: false; loc: number };
type Rule<T> = (pos: number) => Result<T>;

const IDENT_CHARS = /[A-Za-z0-9_$]/;
const WHITESPACE = /[ \t\n\r]/;
const TOKEN = /[^\s()]+/y;
const PART_NAME = /[^=\s()]+/y;
const RSC_NAME = /([^\s:()]+)?:([^\s:()]+)?:([^\s:()]+)?/y;

const failAt = (loc: number): { ok: false; loc: number } => ({ ok: false, loc });

class Parser {
  constructor(private readonly text: string) {}

  skip(pos: number): number {
    while (pos < this.text.length && WHITESPACE.test(this.text[pos])) pos++;
    return pos;
  }

  keyword(word: string): Rule<string> {
    return (pos) => {
      const p = this.skip(pos);
      const end = p + word.length;
      const matches = this.text.slice(p, end).toLowerCase() === word;
      const freeAfter = end >= this.text.length || !IDENT_CHARS.test(this.text[end]);
      const freeBefore = p === 0 || !IDENT_CHARS.test(this.text[p - 1]);
      return matches && freeAfter && freeBefore ? { ok: true, pos: end, value: word } : failAt(p);
    };
  }

  regex(re: RegExp, skipWhitespace = true): Rule<RegExpExecArray> {
    return (pos) => {
      const p = skipWhitespace ? this.skip(pos) : pos;
      re.lastIndex = p;
      const m = re.exec(this.text);
      return m && m[0].length ? { ok: true, pos: p + m[0].length, value: m } : failAt(p);
    };
  }

  token: Rule<string> = (pos) => {
    const r = this.regex(TOKEN)(pos);
    return r.ok ? { ...r, value: r.value[0] } : r;
  };

  literal(char: string, skipWhitespace = true): Rule<string> {
    return (pos) => {
      const p = skipWhitespace ? this.skip(pos) : pos;
      return this.text[p] === char ? { ok: true, pos: p + 1, value: char } : failAt(p);
    };
  }

  /** pyparsing's Or: every alternative is tried, the longest match wins (the first of equals). */
  longest<T>(alternatives: Rule<T>[]): Rule<T> {
    return (pos) => {
      let best: Result<T> | undefined;
      let maxLoc = -1;
      for (const alternative of alternatives) {
        const r = alternative(pos);
        if (r.ok) {
          if (!best || !best.ok || r.pos > best.pos) best = r;
        } else maxLoc = Math.max(maxLoc, r.loc);
      }
      return best?.ok ? best : failAt(maxLoc);
    };
  }

  /** pyparsing's MatchFirst: the first alternative that matches. */
  first<T>(alternatives: Rule<T>[]): Rule<T> {
    return (pos) => {
      let maxLoc = -1;
      for (const alternative of alternatives) {
        const r = alternative(pos);
        if (r.ok) return r;
        maxLoc = Math.max(maxLoc, r.loc);
      }
      return failAt(maxLoc);
    };
  }

  oneOf(words: readonly string[]): Rule<string> {
    return this.longest(words.map((w) => this.keyword(w)));
  }

  /** name=value pairs of date-spec and duration (no spaces before the "="). */
  dateParts: Rule<DateParts> = (pos) => {
    const parts: DateParts = [];
    let at = pos;
    for (;;) {
      const name = this.regex(PART_NAME)(at);
      const eq = name.ok ? this.literal("=", false)(name.pos) : name;
      const value = eq.ok ? this.token(eq.pos) : eq;
      if (!value.ok) return parts.length ? { ok: true, pos: at, value: parts } : value;
      parts.push([(name as { value: RegExpExecArray }).value[0], value.value]);
      at = value.pos;
    }
  };

  dateUnary: Rule<RuleLeaf> = (pos) => {
    const date = this.keyword("date")(pos);
    const op = date.ok ? this.oneOf(["gt", "lt"])(date.pos) : date;
    const value = op.ok ? this.token(op.pos) : op;
    if (!value.ok) return value;
    return { ok: true, pos: value.pos, value: { kind: "date", op: (op as { value: string }).value as "gt" | "lt", date: value.value } };
  };

  dateInRange: Rule<RuleLeaf> = (pos) => {
    const date = this.keyword("date")(pos);
    const inRange = date.ok ? this.keyword("in_range")(date.pos) : date;
    if (!inRange.ok) return inRange;
    let at = inRange.pos;
    let start: string | undefined;
    const startToken = this.token(at);
    if (startToken.ok && this.keyword("to")(startToken.pos).ok) {
      start = startToken.value;
      at = startToken.pos;
    }
    const to = this.keyword("to")(at);
    if (!to.ok) return to;
    const endDate: Rule<{ end?: string; duration?: DateParts }> = (p) => {
      const r = this.token(p);
      return r.ok ? { ...r, value: { end: r.value } } : r;
    };
    const duration: Rule<{ end?: string; duration?: DateParts }> = (p) => {
      const kw = this.keyword("duration")(p);
      const parts = kw.ok ? this.dateParts(kw.pos) : kw;
      return parts.ok ? { ...parts, value: { duration: parts.value } } : parts;
    };
    const tail = this.longest([endDate, duration])(to.pos);
    if (!tail.ok) return tail;
    return { ok: true, pos: tail.pos, value: { kind: "in_range", start: start || undefined, ...tail.value } };
  };

  dateSpec: Rule<RuleLeaf> = (pos) => {
    const kw = this.keyword("date-spec")(pos);
    const parts = kw.ok ? this.dateParts(kw.pos) : kw;
    return parts.ok ? { ...parts, value: { kind: "date_spec", parts: parts.value } } : parts;
  };

  nodeUnary: Rule<RuleLeaf> = (pos) => {
    const op = this.oneOf(["defined", "not_defined"])(pos);
    const name = op.ok ? this.token(op.pos) : op;
    if (!name.ok) return name;
    return { ok: true, pos: name.pos, value: { kind: "defined", op: (op as { value: string }).value as "defined" | "not_defined", attribute: name.value } };
  };

  nodeBinary: Rule<RuleLeaf> = (pos) => {
    const name = this.token(pos);
    const op = name.ok ? this.oneOf(["eq", "ne", "gte", "gt", "lte", "lt"])(name.pos) : name;
    if (!op.ok) return op;
    const type = this.oneOf(["integer", "number", "string", "version"])(op.pos);
    const value = this.token(type.ok ? type.pos : op.pos);
    if (!value.ok) return value;
    const node: RuleLeaf = {
      kind: "compare",
      op: op.value as "eq",
      attribute: (name as { value: string }).value,
      value: value.value,
      ...(type.ok ? { type: type.value as "integer" } : {}),
    };
    return { ok: true, pos: value.pos, value: node };
  };

  rsc: Rule<RuleLeaf> = (pos) => {
    const kw = this.keyword("resource")(pos);
    const name = kw.ok ? this.regex(RSC_NAME)(kw.pos) : kw;
    if (!name.ok) return name;
    const [, standard, provider, type] = name.value;
    return { ok: true, pos: name.pos, value: { kind: "rsc", standard, provider, type } };
  };

  op: Rule<RuleLeaf> = (pos) => {
    const kw = this.keyword("op")(pos);
    const name = kw.ok ? this.token(kw.pos) : kw;
    if (!name.ok) return name;
    const interval = this.keyword("interval")(name.pos);
    const eq = interval.ok ? this.literal("=", false)(interval.pos) : interval;
    const value = eq.ok ? this.regex(/\d+[A-Za-z]*/y)(eq.pos) : eq;
    if (value.ok) return { ok: true, pos: value.pos, value: { kind: "op", name: name.value, interval: value.value[0] } };
    return { ok: true, pos: name.pos, value: { kind: "op", name: name.value } };
  };

  simple: Rule<DefaultsRule> = (pos) =>
    this.longest<DefaultsRule>([this.dateUnary, this.dateInRange, this.dateSpec, this.nodeUnary, this.nodeBinary, this.rsc, this.op])(pos);

  /** An operand of and / or: a simple expression or a parenthesized rule. */
  operand: Rule<DefaultsRule> = (pos) => this.first([this.simple, this.parenthesized])(pos);

  parenthesized: Rule<DefaultsRule> = (pos) => {
    const open = this.literal("(")(pos);
    const inner = open.ok ? this.boolExpression(open.pos) : open;
    const close = inner.ok ? this.literal(")")(inner.pos) : inner;
    return close.ok ? { ok: true, pos: close.pos, value: (inner as { value: DefaultsRule }).value } : close;
  };

  /** operand (and|or operand)+ as pcs's infix notation reads it; one operand alone otherwise. */
  chain: Rule<DefaultsRule> = (pos) => {
    const head = this.operand(pos);
    if (!head.ok) return head;
    const pairs: ["and" | "or", DefaultsRule][] = [];
    let at = head.pos;
    for (;;) {
      const op = this.oneOf(["and", "or"])(at);
      const right = op.ok ? this.operand(op.pos) : op;
      if (!right.ok) {
        if (!pairs.length) return right;
        break;
      }
      pairs.push([(op as { value: string }).value as "and" | "or", right.value]);
      at = right.pos;
    }
    return { ok: true, pos: at, value: boolTree(head.value, pairs) };
  };

  boolExpression: Rule<DefaultsRule> = (pos) => this.first([this.chain, this.operand])(pos);

  parse(): DefaultsRule {
    const top = this.longest([this.boolExpression, this.simple])(0);
    if (!top.ok) throw new RuleParseError(this.text, top.loc + 1);
    const end = this.skip(top.pos);
    if (end < this.text.length) throw new RuleParseError(this.text, end + 1);
    return top.value;
  }
}

/** Operands joined by the same operator in a row form one rule; a change of operator nests the left part. */
function boolTree(head: DefaultsRule, pairs: ["and" | "or", DefaultsRule][]): DefaultsRule {
  let left = head;
  let operator: "and" | "or" | undefined;
  let operands: DefaultsRule[] = [];
  for (const [op, right] of pairs) {
    if (operator !== undefined && op !== operator) {
      left = { kind: "bool", op: operator, children: [left, ...operands] };
      operands = [];
    }
    operands.push(right);
    operator = op;
  }
  return operator ? { kind: "bool", op: operator, children: [left, ...operands] } : left;
}

/** Parse a defaults rule; the result is always a boolean rule (a lone expression goes in an "and"). */
export function parseDefaultsRuleText(text: string): Extract<DefaultsRule, { kind: "bool" }> {
  const tree = new Parser(text).parse();
  return tree.kind === "bool" ? tree : { kind: "bool", op: "and", children: [tree] };
}

/** Every expression of the rule, left to right. */
export function ruleExpressions(rule: DefaultsRule): RuleLeaf[] {
  return rule.kind === "bool" ? rule.children.flatMap(ruleExpressions) : [rule];
}
