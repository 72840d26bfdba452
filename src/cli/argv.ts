// pcs's command line: GNU getopt over pcs's option list, with pcs's special cases: `--wait[=n]` takes an
// optional value; negative numbers (-100, -INFINITY) are arguments unless the line has a `--` (a
// deprecated leniency pcs warns about); and the deprecated --master stands for --promoted.
import { findInvalidXmlChar } from "../cib/xml-check.js";

const SHORT_WITH_VALUE = new Set(["f", "p", "u"]);
const SHORT_FLAGS = new Set(["h"]);
const LONG_FLAGS = [
  "debug", "version", "help", "fullhelp", "force", "skip-offline", "autodelete", "simulate", "all", "full", "local",
  "wait", "config", "start", "enable", "disabled", "off", "brief", "safe", "no-strict", "strict", "pacemaker",
  "corosync", "no-default-ops", "defaults", "nodesc", "master", "promoted", "no-watchdog-validation",
  "no-cluster-uuid", "no-keys-sync", "hide-inactive", "monitor", "groups", "expired", "no-expire-check", "overwrite",
  "agent-validation", "scores",
];
const LONG_WITH_VALUE = [
  "request-timeout", "name", "group", "node", "from", "to", "after", "before", "corosync_conf", "booth-conf",
  "booth-key", "output-format", "token", "time", "save-graph",
];
const ALL_LONG = [...LONG_FLAGS, ...LONG_WITH_VALUE];

export type OptionName = string; // "--force", "-f", ...

export interface ParsedArgv {
  /** Options as given: "--force" -> undefined, "-f" -> "file", "--wait" -> "30" or undefined. */
  options: Map<OptionName, string | undefined>;
  words: string[];
  /** pcs's "Deprecation Warning:" texts about the command line itself, in pcs's order; the caller prints them. */
  deprecations: string[];
}

export class ArgvError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

// What pcs takes for a negative number: '-' and digits or "infinity", or anything Python's float() reads
// ("-1e5", "-1_000", "-inf", "-nan", "-1 ").
const DIGITS = String.raw`\d(?:_?\d)*`;
const PYTHON_FLOAT = new RegExp(String.raw`^-(?:(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:e[+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`, "i");
const isNegativeNumber = (arg: string): boolean => /^-(\d+|infinity)$/i.test(arg) || PYTHON_FLOAT.test(arg);

const negativeNumbersDeprecation = (args: string[]): string =>
  `Using '${args.join("', '")}' without '--' is deprecated, those parameters will be considered position independent ` +
  "options in future pcs versions";
// pcs's text, trailing space included
const MASTER_DEPRECATION = "Option '--master' is deprecated and has been replaced by option '--promoted' ";

function resolveLong(name: string): string {
  if (ALL_LONG.includes(name)) return name;
  const candidates = ALL_LONG.filter((o) => o.startsWith(name));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) throw new ArgvError(`option --${name} not a unique prefix`);
  throw new ArgvError(`option --${name} not recognized`);
}

export function parseArgv(argv: readonly string[]): ParsedArgv {
  const options = new Map<OptionName, string | undefined>();
  const words: string[] = [];
  const deprecations: string[] = [];
  const negativesAllowed = !argv.includes("--");
  const negatives: string[] = [];
  const set = (name: string, value: string | undefined) => {
    if (options.has(name)) throw new ArgvError(`${name} can only be used once`, false);
    options.set(name, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const bad = argv[i - 1] === "-f" ? -1 : findInvalidXmlChar(arg);
    if (bad >= 0) {
      const code = arg.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, "0");
      throw new ArgvError(`'${[...arg].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? "?" : c)).join("")}' contains a character the CIB cannot hold (U+${code})`, false);
    }
    if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--") && arg.length > 2) {
      const eq = arg.indexOf("=");
      const name = resolveLong(eq < 0 ? arg.slice(2) : arg.slice(2, eq));
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      if (name === "wait") set("--wait", inline === "" ? undefined : inline);
      else if (LONG_WITH_VALUE.includes(name)) {
        if (inline !== undefined) set(`--${name}`, inline);
        else if (i + 1 < argv.length) set(`--${name}`, argv[++i]);
        else throw new ArgvError(`option --${name} requires argument`);
      } else {
        if (inline !== undefined) throw new ArgvError(`option --${name} must not have an argument`);
        set(`--${name}`, undefined);
      }
      continue;
    }
    if (negativesAllowed && isNegativeNumber(arg)) {
      negatives.push(arg);
      words.push(arg);
      continue;
    }
    if (arg.startsWith("-") && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        if (SHORT_WITH_VALUE.has(letter)) {
          const rest = arg.slice(j + 1);
          if (rest) set(`-${letter}`, rest);
          else if (i + 1 < argv.length) set(`-${letter}`, argv[++i]);
          else throw new ArgvError(`option -${letter} requires argument`);
          break;
        }
        if (!SHORT_FLAGS.has(letter)) throw new ArgvError(`option -${letter} not recognized`);
        set(`-${letter}`, undefined);
      }
      continue;
    }
    words.push(arg);
  }
  if (negatives.length) deprecations.push(negativeNumbersDeprecation(negatives));
  if (options.has("--master")) {
    deprecations.push(MASTER_DEPRECATION);
    options.delete("--master");
    options.set("--promoted", undefined);
  }
  return { options, words, deprecations };
}

/** Options every command accepts. */
export { GLOBAL_OPTIONS } from "../commands/context.js";
