// Command-line argument helpers with pcs's semantics and messages (name=value options,
// keyword groups); shared by the property, node, defaults and stonith level commands.
import { fail, quoteList, ReportedError } from "../../report/index.js";

/** A command line pcs rejects by printing the command's usage (CmdLineInputError without text). */
export class UsageError extends ReportedError {
  readonly showUsage = true;
  /**
   * `usageWords`: whose usage to print, below the command's group (when not the command's own);
   * `unknownSubcommand`: the words name a group and what followed is none of its commands.
   */
  constructor(
    readonly usageWords?: readonly string[],
    readonly unknownSubcommand = false,
  ) {
    super([], false, 1);
  }
}

export function usageError(usageWords?: readonly string[], unknownSubcommand = false): never {
  throw new UsageError(usageWords, unknownSubcommand);
}

/** A command line error with a message: `Error: <text>`. */
export function argError(text: string): never {
  fail("GENERIC", { text });
}

export function splitOption(arg: string): [string, string] {
  const eq = arg.indexOf("=");
  if (eq < 0) argError(`missing value of '${arg}' option`);
  if (eq === 0) argError(`missing key in '${arg}' option`);
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** name=value arguments to an ordered record; a repeated name must repeat its value. */
export function prepareOptions(args: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const arg of args) {
    const [name, value] = splitOption(arg);
    const previous = options.get(name);
    if (previous === undefined) options.set(name, value);
    else if (previous !== value) argError(`duplicate option '${name}' with different values '${previous}' and '${value}'`);
  }
  return options;
}

export function ensureUniqueArgs(args: readonly string[]): void {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const arg of args) {
    if (seen.has(arg) && !duplicates.includes(arg)) duplicates.push(arg);
    seen.add(arg);
  }
  if (duplicates.length) {
    argError(`duplicate argument${duplicates.length > 1 ? "s" : ""}: ${quoteList(duplicates)}`);
  }
}

/**
 * Split arguments into groups led by keywords. Arguments before the first keyword go to
 * `implicitFirst` (a usage error when not given); a repeated keyword is an error unless allowed.
 */
export function groupByKeywords(
  args: readonly string[],
  keywords: readonly string[],
  { implicitFirst, repeatAllowed = true, onlyFound = false }: { implicitFirst?: string; repeatAllowed?: boolean; onlyFound?: boolean } = {},
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current: string | undefined;
  const open = (keyword: string) => {
    if (groups.has(keyword) && !repeatAllowed) argError(`'${keyword}' cannot be used more than once`);
    if (!groups.has(keyword)) groups.set(keyword, []);
    current = keyword;
  };
  if (args.length && !keywords.includes(args[0])) {
    if (!implicitFirst) usageError();
    open(implicitFirst);
  }
  for (const arg of args) {
    if (keywords.includes(arg)) open(arg);
    else groups.get(current!)!.push(arg);
  }
  if (!onlyFound) {
    for (const keyword of implicitFirst ? [...keywords, implicitFirst] : keywords) if (!groups.has(keyword)) groups.set(keyword, []);
  }
  return groups;
}
