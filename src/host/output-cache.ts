// The output of a program that depends on the program alone (a Pacemaker daemon's metadata is
// compiled into it), remembered per executable file: later runs read it instead of starting the
// program (three daemons for every `pcs property set`). An entry holds the file's device, inode,
// size and modification time and is used only while all four still match: a package upgrade
// writes a new file. Nothing depends on the cache being there or writable.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import type { RunResult } from "./runner.js";

/** $PCS_LITE_CACHE_DIR, else pcs-lite's folder in the XDG cache folder; undefined when there is no home. */
function cacheDir(): string | undefined {
  if (process.env.PCS_LITE_CACHE_DIR) return process.env.PCS_LITE_CACHE_DIR;
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, "pcs-lite");
  const home = homedir();
  return home ? join(home, ".cache", "pcs-lite") : undefined;
}

interface Entry {
  program: string;
  args: string[];
  identity: string;
  stdout: string;
}

function identityOf(program: string): string | undefined {
  try {
    const s = statSync(program);
    return s.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `program args`'s standard output: remembered from an earlier run of the same file, else from
 * `run` (kept when it succeeded with output).
 */
export async function cachedOutput(program: string, args: string[], run: () => Promise<RunResult>): Promise<RunResult> {
  const dir = cacheDir();
  const identity = identityOf(program);
  if (!dir || !identity) return run();
  const file = join(dir, `${basename(program)}-${args.join("-").replace(/[^\w.-]/g, "_")}.json`);
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as Entry;
    if (entry.program === program && entry.identity === identity && JSON.stringify(entry.args) === JSON.stringify(args)) {
      return { code: 0, stdout: entry.stdout, stderr: "", timedOut: false };
    }
  } catch {
    // no entry yet, or an unreadable one: run the program
  }
  const result = await run();
  if (result.code === 0 && result.stdout.trim()) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // a cache needs no fsync: a torn entry does not parse and is made again
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ program, args, identity, stdout: result.stdout } satisfies Entry), { mode: 0o600 });
      renameSync(temporary, file);
    } catch {
      // a cache folder we cannot write: the next run starts the program again
    }
  }
  return result;
}
