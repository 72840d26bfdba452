// What /proc tells about processes: alive or not (a zombie is dead: only its parent can reap it),
// command line, process group, and which processes carry a given environment variable.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

interface ProcStat {
  state: string;
  pgid: number;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // the command name (field 2) is in parentheses and may itself hold spaces or ')'
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], pgid: Number(fields[2]) };
}

/** A process that runs (or is stopped): not gone, not a zombie waiting for its parent. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== "Z" && stat.state !== "X";
}

export function commandLine(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return text.split("\0").slice(0, text.endsWith("\0") ? -1 : undefined);
  } catch {
    return undefined;
  }
}

export const processGroup = (pid: number): number | undefined => procStat(pid)?.pgid;

function environmentValue(pid: number, name: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/environ`, "utf8");
  } catch {
    return undefined; // gone, or not ours to read
  }
  const prefix = `${name}=`;
  for (const entry of text.split("\0")) if (entry.startsWith(prefix)) return entry.slice(prefix.length);
  return undefined;
}

/** Every process of the host but this one. */
function otherPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** Live processes whose environment has `name` equal to the absolute path `dir` (relative values are
 * taken from the process's working directory). */
export function processesWithDirectory(name: string, dir: string): number[] {
  const wanted = resolve(dir);
  const found: number[] = [];
  for (const pid of otherPids()) {
    const value = environmentValue(pid, name);
    if (value === undefined) continue;
    let absolute = value;
    if (!isAbsolute(value)) {
      try {
        absolute = resolve(readlinkSync(`/proc/${pid}/cwd`), value);
      } catch {
        continue;
      }
    }
    if (resolve(absolute) === wanted && isAlive(pid)) found.push(pid);
  }
  return found;
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // ESRCH: gone already
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until none of `pids` is alive; the ones still alive at the deadline. */
export async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await sleep(20);
  }
}

/** Live processes started with `flag DIR` or `flag=DIR` on their command line, DIR resolving to `dir`. */
export function processesWithArgument(flag: string, dir: string): number[] {
  const wanted = resolve(dir);
  const found: number[] = [];
  for (const pid of otherPids()) {
    const argv = commandLine(pid);
    if (!argv) continue;
    const values = argv.flatMap((a, i) => (a === flag ? [argv[i + 1] ?? ""] : a.startsWith(`${flag}=`) ? [a.slice(flag.length + 1)] : []));
    if (values.length === 0) continue;
    let cwd = "/";
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue;
    }
    if (values.some((v) => v !== "" && resolve(cwd, v) === wanted) && isAlive(pid)) found.push(pid);
  }
  return found;
}
