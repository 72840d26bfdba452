// Command-line pieces of the corosync.conf commands with pcs's rules and texts: the options a command
// supports, key=value options (kept in the order given), keyword groups, and the usage error.
import type { CommandContext } from "../context.js";
import { fail, quoteList, ReportedError } from "../../report/index.js";

/** pcs's ensure_only_supported: any other option given (global ones included) is an error; --debug always passes. */
export function ensureOnlySupported(ctx: CommandContext, supported: readonly string[]): void {
  const allowed = new Set([...supported, "--debug"]);
  const unsupported = [...ctx.options.keys()].filter((o) => !allowed.has(o));
  if (!unsupported.length) return;
  const many = unsupported.length > 1;
  fail("GENERIC", { text: `Specified option${many ? "s" : ""} ${quoteList(unsupported)} ${many ? "are" : "is"} not supported in this command` });
}

/** A command line pcs rejects with its usage (no message) or with `Error: <message>`. */
export class InputError extends Error {
  constructor(readonly text?: string) {
    super(text ?? "usage");
  }
}

/** pcs's prepare_options: name=value words, a name repeated with another value is an error. */
export function optionsMap(args: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq < 0) throw new InputError(`missing value of '${arg}' option`);
    if (eq === 0) throw new InputError(`missing key in '${arg}' option`);
    const [name, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const known = options.get(name);
    if (known === undefined) options.set(name, value);
    else if (known !== value) throw new InputError(`duplicate option '${name}' with different values '${known}' and '${value}'`);
  }
  return options;
}

/**
 * pcs's group_by_keywords: the words after each keyword; words before the first keyword go to
 * `implicit` (without it they are a usage error). With `once`, a repeated keyword is an error.
 */
export function groupByKeywords(
  args: readonly string[],
  keywords: readonly string[],
  options: { implicit?: string; once?: boolean; onlyFound?: boolean } = {},
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current = options.implicit;
  if (args.length && !keywords.includes(args[0])) {
    if (!options.implicit) throw new InputError();
    groups.set(options.implicit, []);
  }
  for (const arg of args) {
    if (keywords.includes(arg)) {
      if (groups.has(arg) && options.once) throw new InputError(`'${arg}' cannot be used more than once`);
      if (!groups.has(arg)) groups.set(arg, []);
      current = arg;
    } else groups.get(current!)!.push(arg);
  }
  if (!options.onlyFound) {
    for (const k of keywords) if (!groups.has(k)) groups.set(k, []);
    if (options.implicit && !groups.has(options.implicit)) groups.set(options.implicit, []);
  }
  return groups;
}

/**
 * How pcs prints a command's usage: the area's header, the command's usage text, a blank line. pcs finds
 * the text by the command's words; `[config]` matches none of them, so `quorum config` gets the whole area's.
 */
export function printUsage(ctx: CommandContext, header: string): never {
  const own = ctx.route.synopsis.startsWith("[");
  const text = own ? (ctx.usage.of(ctx.route.path.slice(0, 1)) ?? "").replace(/^\n?Usage: [^\n]*\n[^\n]*\n\nCommands:\n/, "") : ctx.usage.route();
  process.stderr.write(`\nUsage: pcs ${header}\n${text.trimEnd()}\n\n`);
  throw new ReportedError([], false);
}

/** Runs `body`; an InputError becomes pcs's message or the usage (under `header`). */
export async function withInputErrors(ctx: CommandContext, header: string, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.text === undefined) printUsage(ctx, header);
    fail("GENERIC", { text: e.text });
  }
}
