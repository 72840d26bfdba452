// pcs's option validators for corosync.conf values, as small functions over an options map. Each
// returns report items in pcs's order; `severity` says whether --force may override a problem.
import { error, forceableError, quoteList, type ReportItem } from "../report/index.js";
import { isValidOptionName } from "./parser.js";

export type Options = ReadonlyMap<string, string>;
export type Validator = (options: Options) => ReportItem[];
/** "error": never overridable; "forceable": --force turns it into a warning. */
export type Severity = "error" | "forceable";

const INTEGER = /^[+-]?[0-9]+$/;

export function isInteger(value: string, atLeast?: number, atMost?: number): boolean {
  if (!INTEGER.test(value)) return false;
  const n = Number(value);
  return (atLeast === undefined || n >= atLeast) && (atMost === undefined || n <= atMost);
}

const make = (severity: Severity, text: string): ReportItem =>
  severity === "forceable" ? forceableError("GENERIC", { text }) : error("GENERIC", { text });

const withType = (type?: string) => (type ? `${type} ` : "");

export const all =
  (...validators: Validator[]): Validator =>
  (options) =>
    validators.flatMap((v) => v(options));

/** Stops after the first validator that reports an error. */
export const firstError =
  (...validators: Validator[]): Validator =>
  (options) => {
    const items: ReportItem[] = [];
    for (const v of validators) {
      const found = v(options);
      items.push(...found);
      if (found.some((i) => i.severity === "error")) break;
    }
    return items;
  };

export function namesIn(allowed: readonly string[], optionType: string, severity: Severity = "error", patterns: string[] = []): Validator {
  return (options) => {
    const invalid = [...options.keys()].filter((n) => !allowed.includes(n)).sort();
    if (!invalid.length) return [];
    const payload = { names: invalid, allowed: [...allowed].sort(), optionType, patterns };
    return [severity === "forceable" ? forceableError("INVALID_OPTIONS", payload) : error("INVALID_OPTIONS", payload)];
  };
}

export function requiredAll(names: readonly string[], optionType: string): Validator {
  return (options) => {
    const missing = names.filter((n) => !options.has(n)).sort();
    return missing.length ? [error("REQUIRED_OPTIONS_ARE_MISSING", { names: missing, optionType })] : [];
  };
}

/** Names and values that cannot be written to corosync.conf without breaking its structure. */
export function corosyncSafe(options: Options, optionType?: string): Validator {
  const nameCheck: Validator = (opts) => {
    const bad = [...opts.keys()].filter((n) => !isValidOptionName(n)).sort();
    if (!bad.length) return [];
    const t = withType(optionType);
    return [make("error", `invalid ${t}option${bad.length > 1 ? "s:" : ""} ${quoteList(bad)}, ${t}options may contain a-z A-Z 0-9 /_- characters only`)];
  };
  const valueChecks = [...options.keys()].map(
    (name): Validator =>
      (opts) => {
        const value = opts.get(name);
        return value !== undefined && /[{}\n\r]/.test(value) ? [make("error", `${name} cannot contain {}\\n\\r characters`)] : [];
      },
  );
  return all(nameCheck, ...valueChecks);
}

interface ValueRule {
  name: string;
  isValid: (value: string) => boolean;
  /** what pcs says to use: a list of values or a description */
  allowed: string | readonly string[];
  severity?: Severity;
  /** an empty value removes the option (updates) */
  emptyValid?: boolean;
  /** pcs's "<name> cannot be empty" form */
  cannotBeEmpty?: boolean;
}

const describeAllowed = (allowed: string | readonly string[]) => (typeof allowed === "string" ? allowed : quoteList(allowed));

export function valueRule(rule: ValueRule): Validator {
  return (options) => {
    const value = options.get(rule.name);
    if (value === undefined || (rule.emptyValid && value === "") || rule.isValid(value)) return [];
    const hint = describeAllowed(rule.allowed);
    const severity = rule.severity ?? "error";
    if (rule.cannotBeEmpty) return [make(severity, `${rule.name} cannot be empty${hint ? `, use ${hint}` : ""}`)];
    if (typeof rule.allowed !== "string") {
      const payload = { name: rule.name, value, allowed: [...rule.allowed] };
      return [severity === "forceable" ? forceableError("INVALID_OPTION_VALUE", payload) : error("INVALID_OPTION_VALUE", payload)];
    }
    return [make(severity, `'${value}' is not a valid ${rule.name} value${hint ? `, use ${hint}` : ""}`)];
  };
}

type RuleOptions = Pick<ValueRule, "severity" | "emptyValid">;

export const valueIn = (name: string, allowed: readonly string[], o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed, isValid: (v) => allowed.includes(v), ...o });
export const positiveInteger = (name: string, o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed: "a positive integer", isValid: (v) => isInteger(v, 1), ...o });
export const nonNegativeInteger = (name: string, o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed: "a non-negative integer", isValid: (v) => isInteger(v, 0), ...o });
export const integerInRange = (name: string, min: number, max: number, o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed: `${min}..${max}`, isValid: (v) => isInteger(v, min, max), ...o });
export const portNumber = (name: string, o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed: "a port number (1..65535)", isValid: (v) => isInteger(v, 1, 65535), ...o });
export const notEmpty = (name: string, allowed: string | readonly string[], o: RuleOptions = {}): Validator =>
  valueRule({ name, allowed, isValid: (v) => v !== "", cannotBeEmpty: true, ...o });

/** pcs's PREREQUISITE_OPTION_MUST_BE_ENABLED_AS_WELL. */
export const prerequisiteMustBeEnabled = (option: string, prerequisite: string, type: string): ReportItem =>
  make("error", `If ${type} option '${option}' is enabled, ${type} option '${prerequisite}' must be enabled as well`);

export const errorText = (text: string): ReportItem => make("error", text);
