// pcs's command-line grammar for resource/stonith create and update: key=value options split
// by keywords (op, meta, clone, promotable, bundle), operations split by action names.
import { fail } from "../../report/index.js";

export type Options = Record<string, string>;

/** Thrown for pcs's CmdLineInputError without a message: the command's usage is shown. */
export class UsageError extends Error {
  constructor() {
    super("usage");
  }
}

export const cmdlineError = (text: string): never => fail("GENERIC", { text });

export interface KeywordGroups {
  /** keyword -> its arguments; repeated keywords (op) keep one list per occurrence. */
  single: Map<string, string[]>;
  repeated: Map<string, string[][]>;
}

/** pcs's group_by_keywords with only_found_keywords: arguments before any keyword go to `implicit`. */
export function groupByKeywords(args: readonly string[], keywords: readonly string[], repeated: readonly string[], implicit?: string): KeywordGroups {
  const single = new Map<string, string[]>();
  const rep = new Map<string, string[][]>();
  if (!args.length) return { single, repeated: rep };
  let current: string;
  if (!keywords.includes(args[0])) {
    if (!implicit) throw new UsageError();
    current = implicit;
    single.set(implicit, []);
  }
  for (const arg of args) {
    if (keywords.includes(arg)) {
      current = arg;
      if (repeated.includes(arg)) {
        if (!rep.has(arg)) rep.set(arg, []);
        rep.get(arg)!.push([]);
      } else if (!single.has(arg)) single.set(arg, []);
    } else if (repeated.includes(current!)) {
      const lists = rep.get(current!)!;
      lists[lists.length - 1].push(arg);
    } else single.get(current!)!.push(arg);
  }
  return { single, repeated: rep };
}

export function splitOption(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq < 0) cmdlineError(`missing value of '${arg}' option`);
  if (eq === 0) cmdlineError(`missing key in '${arg}' option`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** key=value arguments to options; a key given twice with different values is an error. */
export function prepareOptions(args: readonly string[]): Options {
  const options: Options = {};
  for (const arg of args) {
    const [name, value] = splitOption(arg);
    if (!(name in options)) options[name] = value;
    else if (options[name] !== value) {
      cmdlineError(`duplicate option '${name}' with different values '${options[name]}' and '${value}'`);
    }
  }
  return options;
}

/** `op` groups ("monitor interval=10 start timeout=5") to one argument list per operation. */
export function buildOperations(groups: readonly string[][]): string[][] {
  const notEnough = "When using 'op' you must specify an operation name and at least one option";
  const operations: string[][] = [];
  for (const group of groups) {
    if (!group.length) cmdlineError(notEnough);
    if (group[0].includes("=")) cmdlineError("When using 'op' you must specify an operation name after 'op'");
    for (const arg of group) {
      if (!arg.includes("=")) operations.push([`name=${arg}`]);
      else operations[operations.length - 1].push(arg);
    }
  }
  if (operations.some((op) => op.length < 2)) cmdlineError(notEnough);
  return operations;
}

export interface CreateParts {
  options: Options;
  meta: Options;
  op: Options[];
  clone?: Options;
  promotable?: Options;
  cloneId?: string;
  bundle?: string[];
}

export function parseCreateArgs(args: readonly string[]): CreateParts {
  const groups = groupByKeywords(args, ["op", "meta", "clone", "promotable", "bundle"], ["op"], "options");
  const parts: CreateParts = {
    meta: prepareOptions(groups.single.get("meta") ?? []),
    options: prepareOptions(groups.single.get("options") ?? []),
    op: buildOperations(groups.repeated.get("op") ?? []).map(prepareOptions),
  };
  for (const keyword of ["clone", "promotable"] as const) {
    const list = groups.single.get(keyword);
    if (!list) continue;
    const rest = [...list];
    if (rest.length && !rest[0].includes("=")) parts.cloneId = rest.shift();
    parts[keyword] = prepareOptions(rest);
  }
  if (groups.single.has("bundle")) parts.bundle = groups.single.get("bundle");
  return parts;
}
