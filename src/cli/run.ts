// One pcs command line: parse argv, find the route, check its options, run it, render reports.
// Output goes to process.stdout/stderr and the exit code is returned (never process.exit), so that
// tests can run many command lines in one process (test/parity) as bin/pcs runs one.
import { quoteList, ReportedError, Reports } from "../report/index.js";
import { ArgvError, GLOBAL_OPTIONS, parseArgv } from "./argv.js";
import { mainUsage, routeUsage, subUsage, unknownCommandUsage, usageFor } from "./help.js";
import { renderReport } from "./render.js";
import type { CommandContext } from "./route-types.js";
import { findArea, matchRoute } from "./routes/index.js";

export const PCS_VERSION = "0.11.5";

const out = (text: string) => process.stdout.write(text.endsWith("\n") ? text : text + "\n");
const err = (text: string) => process.stderr.write(text.endsWith("\n") ? text : text + "\n");

function flushReports(reports: Reports): void {
  for (const item of reports.items) {
    const { text, stream } = renderReport(item);
    (stream === "stdout" ? out : err)(text);
  }
  reports.items.length = 0;
}

/** Runs one pcs command line (argv without `pcs`); resolves to its exit code. */
export async function runPcs(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgv(argv);
  } catch (e) {
    if (!(e instanceof ArgvError)) throw e;
    err(`Error: ${e.message}`);
    if (e.showUsage) err(mainUsage());
    return 1;
  }
  for (const text of parsed.deprecations) err(`Deprecation Warning: ${text}`);
  const { options } = parsed;
  let words = parsed.words;
  if (options.has("--version")) {
    out(PCS_VERSION);
    return 0;
  }
  const timeout = options.get("--request-timeout");
  if (timeout !== undefined && !(/^\d+$/.test(timeout) && Number(timeout) > 0)) {
    err(`Error: '${timeout}' is not a valid --request-timeout value, use a positive integer`);
    return 1;
  }
  const wantsHelp = options.has("-h") || options.has("--help");
  if (!words.length) {
    (wantsHelp ? out : err)(mainUsage());
    return wantsHelp ? 0 : 1;
  }
  if (words[1] === "help") words = [words[0], ...words.slice(2)];
  if (wantsHelp || parsed.words[1] === "help") {
    const usage = usageFor(words);
    if (!usage) {
      err(mainUsage());
      return 1;
    }
    out(usage);
    return 0;
  }
  if (!findArea(words[0])) {
    err(mainUsage());
    return 1;
  }
  const route = matchRoute(words);
  if (!route) {
    const usage = unknownCommandUsage(words);
    err(usage ? `${usage}\n` : usageFor(words.slice(0, 1))!);
    return 1;
  }
  const allowed = new Set([...GLOBAL_OPTIONS, ...(route.options ?? [])]);
  const unsupported = [...options.keys()].filter((o) => !allowed.has(o));
  if (unsupported.length) {
    const many = unsupported.length > 1;
    err(`Error: Specified option${many ? "s" : ""} ${quoteList(unsupported)} ${many ? "are" : "is"} not supported in this command`);
    return 1;
  }

  const force = options.has("--force");
  const reports = new Reports(force);
  let envPromise: ReturnType<CommandContext["env"]> | undefined;
  const ctx: CommandContext = {
    args: words.slice(route.path.length),
    options,
    has: (o) => options.has(o),
    value: (o) => options.get(o),
    force,
    reports,
    route,
    usage: { of: usageFor, route: () => routeUsage(route), sub: (w) => subUsage(route.path[0], w) ?? "" },
    print: out,
    env: () =>
      (envPromise ??= import("../env/index.js").then((m) =>
        m.createEnv({ file: options.get("-f"), requestTimeoutSeconds: timeout ? Number(timeout) : undefined, debug: options.has("--debug") }),
      )),
  };
  try {
    await route.run(ctx);
    flushReports(reports);
    return 0;
  } catch (e) {
    if (e instanceof ReportedError) {
      reports.items.push(...e.reports);
      const hadErrors = reports.hasErrors;
      flushReports(reports);
      if (e.summarize && hadErrors && !e.reports.length) err("Error: Errors have occurred, therefore pcs is unable to continue");
      return e.exitCode;
    }
    flushReports(reports);
    if (options.has("--debug")) err((e as Error).stack ?? String(e));
    err(`Error: ${(e as Error).message ?? String(e)}`);
    return 1;
  }
}
