// Command-line argument helpers with pcs's semantics, shared by the alert, tag and acl commands:
// key=value options, keyword sections ("options a=1 meta b=2"), and the bare usage error.
import type { CommandContext } from "../context.js";
import { fail, ReportedError } from "../../report/index.js";

/** pcs's CmdLineInputError without a message: print the command's usage and exit 1. */
export function usageError(ctx: CommandContext): never {
  process.stderr.write(`${ctx.usage.sub(ctx.route.path.slice(1))}\n`);
  throw new ReportedError([], false);
}

/** pcs's CmdLineInputError with a message: `Error: <text>`, exit 1. */
export const inputError = (text: string): never => fail("GENERIC", { text });

export function splitOption(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq < 0) inputError(`missing value of '${arg}' option`);
  if (eq === 0) inputError(`missing key in '${arg}' option`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** key=value arguments to a record; a key repeated with another value is an error. */
export function prepareOptions(args: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const arg of args) {
    const [name, value] = splitOption(arg);
    if (name in options && options[name] !== value) {
      inputError(`duplicate option '${name}' with different values '${options[name]}' and '${value}'`);
    }
    options[name] = value;
  }
  return options;
}

/**
 * Split arguments into sections started by keywords; the words before the first keyword go to
 * `first` (or are a usage error without it). Missing keywords map to empty lists.
 */
export function groupByKeywords(
  ctx: CommandContext,
  args: readonly string[],
  keywords: readonly string[],
  first?: string,
): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const k of keywords) groups[k] = [];
  if (first) groups[first] = [];
  let current = first;
  if (args.length && !keywords.includes(args[0]) && !first) usageError(ctx);
  for (const arg of args) {
    if (keywords.includes(arg)) current = arg;
    else groups[current!].push(arg);
  }
  return groups;
}

/** `Unexpected parameter 'k=v'` for keys outside `allowed` (pcs's alert commands). */
export function onlyAllowed(options: Record<string, string>, allowed: readonly string[]): void {
  for (const [name, value] of Object.entries(options)) {
    if (!allowed.includes(name)) inputError(`Unexpected parameter '${name}=${value}'`);
  }
}
