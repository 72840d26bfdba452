// fence_pcslite's options, read as fence-agents' fencing.py reads them: from the command line when
// it has arguments (an unknown option is an error), otherwise from stdin, one `key=value` a line
// (an unknown key is ignored with a warning, `nodename` silently, as Pacemaker always sends it).

export interface FenceOptions {
  action: string;
  plug?: string;
  stateRoot?: string;
  /** Whether on and reboot start the node's pcs-agent again. */
  restart: boolean;
  /** Seconds to wait before off or reboot. */
  delaySeconds: number;
  /** Seconds a node gets to go off or to listen again. */
  powerTimeoutSeconds: number;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

export interface ParsedOptions {
  options: FenceOptions;
  warnings: string[];
  /** Set when the input cannot be used at all (an unknown command-line option, a missing value). */
  error?: string;
}

type Kind = "string" | "boolean" | "second" | "flag";

interface OptionSpec {
  key: keyof FenceOptions;
  kind: Kind;
  /** Command-line spellings. */
  flags: string[];
  /** stdin names (also accepted with '-' for '_'). */
  names: string[];
}

export const OPTION_SPECS: OptionSpec[] = [
  { key: "action", kind: "string", flags: ["-o", "--action"], names: ["action"] },
  { key: "plug", kind: "string", flags: ["-n", "--plug", "--port"], names: ["plug", "port"] },
  { key: "stateRoot", kind: "string", flags: ["--state-root"], names: ["state_root"] },
  { key: "restart", kind: "boolean", flags: ["--restart"], names: ["restart"] },
  { key: "delaySeconds", kind: "second", flags: ["--delay"], names: ["delay"] },
  { key: "powerTimeoutSeconds", kind: "second", flags: ["--power-timeout"], names: ["power_timeout"] },
  { key: "quiet", kind: "flag", flags: ["-q", "--quiet"], names: ["quiet"] },
  { key: "verbose", kind: "flag", flags: ["-v", "--verbose"], names: ["verbose"] },
  { key: "version", kind: "flag", flags: ["-V", "--version"], names: ["version"] },
  { key: "help", kind: "flag", flags: ["-h", "--help"], names: ["help"] },
];

/** Keys Pacemaker sends to every fence agent that fence_pcslite has no use for. */
const SILENTLY_IGNORED = new Set(["nodename"]);

export const defaultOptions = (): FenceOptions => ({
  action: "reboot",
  restart: true,
  delaySeconds: 0,
  powerTimeoutSeconds: 20,
  quiet: false,
  verbose: false,
  help: false,
  version: false,
});

const TRUE = ["1", "yes", "on", "true"];
const FALSE = ["0", "no", "off", "false"];

export function parseBoolean(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  return undefined;
}

/** Sets one option from its text; returns a problem description when the value does not fit. */
function assign(options: FenceOptions, spec: OptionSpec, value: string): string | undefined {
  switch (spec.kind) {
    case "string":
      (options[spec.key] as string) = value;
      return undefined;
    case "second": {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n) || n < 0) return `the value you have entered for ${spec.names[0]} is not a valid time in seconds`;
      (options[spec.key] as number) = n;
      return undefined;
    }
    case "boolean":
    case "flag": {
      const b = parseBoolean(value);
      if (b === undefined) return `ignoring option '${spec.names[0]}' because it does not have value`;
      (options[spec.key] as boolean) = b;
      return undefined;
    }
  }
}

const byName = (name: string): OptionSpec | undefined => {
  const normal = name.replace(/-/g, "_");
  return OPTION_SPECS.find((s) => s.names.includes(normal));
};

/** fencing.py's stdin parsing: comments and blank lines skipped, one pair of surrounding quotes dropped. */
export function parseStdin(text: string): ParsedOptions {
  const options = defaultOptions();
  const warnings: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const name = eq < 0 ? line : line.slice(0, eq);
    const value = (eq < 0 ? "" : line.slice(eq + 1)).replace(/^"(.*)"$/, "$1");
    const spec = byName(name);
    if (!spec) {
      if (!SILENTLY_IGNORED.has(name)) warnings.push(`Parse error: Ignoring unknown option '${line}'`);
      continue;
    }
    const problem = assign(options, spec, value);
    if (problem) {
      if (spec.kind === "second") return { options, warnings, error: `Failed: ${problem}` };
      warnings.push(`Parse error: ${problem[0].toUpperCase()}${problem.slice(1)}`);
    }
  }
  return { options, warnings };
}

/** getopt-style command line: `-o off`, `-ooff`, `--action off`, `--action=off`; flags take no value. */
export function parseCommandLine(argv: string[]): ParsedOptions {
  const options = defaultOptions();
  const warnings: string[] = [];
  const unused: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-") || arg === "-") {
      unused.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const flag = long ? (arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg) : arg.slice(0, 2);
    const spec = OPTION_SPECS.find((s) => s.flags.includes(flag));
    if (!spec) return { options, warnings, error: `Parse error: option ${flag} not recognized` };
    let inline: string | undefined;
    if (long && arg.includes("=")) inline = arg.slice(arg.indexOf("=") + 1);
    else if (!long && arg.length > 2) inline = arg.slice(2);
    if (spec.kind === "flag") {
      if (inline !== undefined && long) return { options, warnings, error: `Parse error: option ${flag} must not have an argument` };
      (options[spec.key] as boolean) = true;
      // -qv: the rest of a short cluster is more flags
      if (inline !== undefined) argv = [...argv.slice(0, i + 1), `-${inline}`, ...argv.slice(i + 1)];
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) return { options, warnings, error: `Parse error: option ${flag} requires argument` };
    const problem = assign(options, spec, value);
    if (problem) return { options, warnings, error: `Failed: ${problem}` };
  }
  if (unused.length > 0) warnings.push(`Unused arguments on command line: ${unused.join(" ")}`);
  return { options, warnings };
}

/** fencing.py's rule: the command line when there is one, stdin otherwise. */
export async function readOptions(argv: string[], stdin: NodeJS.ReadableStream): Promise<ParsedOptions> {
  if (argv.length > 0) return parseCommandLine(argv);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return parseStdin(Buffer.concat(chunks).toString("utf8"));
}
