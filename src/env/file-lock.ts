// The lock that keeps two pcs processes from editing one -f file at the same time.
// The lock is a symlink `FILE.lock` whose target names its owner (created in one atomic step, so a lock
// never exists without its owner). A waiter breaks it at once when the owner is dead: same host and boot,
// and its pid is gone or now belongs to a process started at another time. An owner on another host cannot
// be checked: its lock is a lease it refreshes, stale when not refreshed for LEASE_MS.
import { closeSync, lstatSync, lutimesSync, openSync, readFileSync, readlinkSync, readSync, rmdirSync, symlinkSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import { pidExists } from "../host/atomic.js";

const LEASE_MS = 15000;
const WAIT_MS = 20000;

export interface LockOwner {
  host: string;
  boot: string;
  pid: number;
  /** the process's start time in clock ticks since boot (Linux), "" where unknown */
  start: string;
  nonce: string;
}

export interface HeldLock {
  release(): void;
}

export class LockTimeoutError extends Error {}

function readProc(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

const bootId = readProc("/proc/sys/kernel/random/boot_id").trim();

/** The start time of process `pid` (field 22 of /proc/PID/stat), "" when unknown or gone. */
export function processStartTime(pid: number): string {
  const stat = readProc(`/proc/${pid}/stat`);
  // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields[19] ?? "";
}

// from the kernel's pool rather than node:crypto, which costs every pcs start ~8 ms to load
function randomHex(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync("/dev/urandom", "r");
  try {
    readSync(fd, buffer, 0, bytes, null);
  } finally {
    closeSync(fd);
  }
  return buffer.toString("hex");
}

export function ownerOf(pid: number): LockOwner {
  return { host: hostname(), boot: bootId, pid, start: processStartTime(pid), nonce: randomHex(6) };
}

export function formatOwner(o: LockOwner): string {
  return `pcs-lite:${o.pid}:${o.start}:${o.boot}:${o.nonce}@${o.host}`;
}

function parseOwner(text: string): LockOwner | undefined {
  const m = /^pcs-lite:(\d+):(\d*):([^:]*):([^@]*)@(.*)$/.exec(text);
  if (!m) return undefined;
  return { pid: Number(m[1]), start: m[2], boot: m[3], nonce: m[4], host: m[5] };
}


/** Whether the process of a lock record is certainly gone; false when it may live (or cannot be checked). */
export function ownerIsDead(o: LockOwner): boolean {
  if (o.host !== hostname()) return false;
  if (o.boot !== "" && bootId !== "" && o.boot !== bootId) return true;
  if (!pidExists(o.pid)) return true;
  return o.start !== "" && processStartTime(o.pid) !== "" && processStartTime(o.pid) !== o.start;
}

function ageMs(path: string): number {
  try {
    return Date.now() - lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

type Probe = { state: "free" } | { state: "held" } | { state: "stale"; text: string | undefined };

/** What holds `path` now: nothing, a live (or unverifiable) owner, or a dead owner whose record is `text`. */
function probe(path: string): Probe {
  let text: string;
  try {
    text = readlinkSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { state: "free" };
    // a directory left by proper-lockfile, the lock of earlier versions: refreshed every 7.5 s while held
    if (code === "EINVAL") return ageMs(path) > LEASE_MS ? { state: "stale", text: undefined } : { state: "held" };
    throw e;
  }
  const owner = parseOwner(text);
  if (owner === undefined) return ageMs(path) > LEASE_MS ? { state: "stale", text } : { state: "held" };
  if (ownerIsDead(owner)) return { state: "stale", text };
  if (owner.host !== hostname() && ageMs(path) > LEASE_MS) return { state: "stale", text };
  return { state: "held" };
}

function tryCreate(path: string, text: string): boolean {
  try {
    symlinkSync(text, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

function removeIfStill(path: string, text: string | undefined): void {
  try {
    if (text === undefined) rmdirSync(path);
    else if (readlinkSync(path) === text) unlinkSync(path);
  } catch {
    // gone already, or no longer the record judged stale
  }
}

/**
 * Removes the stale lock `path` whose record is `text`. Breakers exclude each other with `path.break`
 * (held for microseconds), so the record cannot change between the check and the removal: only its
 * dead owner or a breaker would remove it, and a new owner can only create it once it is gone.
 */
function breakStale(path: string, text: string | undefined): boolean {
  const breaker = `${path}.break`;
  const mine = formatOwner(ownerOf(process.pid));
  if (!tryCreate(breaker, mine)) {
    const other = probe(breaker);
    if (other.state === "stale") removeIfStill(breaker, other.text);
    return false;
  }
  try {
    const now = probe(path);
    if (now.state === "stale" && now.text === text) removeIfStill(path, text);
  } finally {
    removeIfStill(breaker, mine);
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock of `file`, waiting up to `waitMs` for a live owner; a dead owner's lock is broken at once. */
export async function lockFile(file: string, waitMs = WAIT_MS): Promise<HeldLock> {
  const path = `${file}.lock`;
  const mine = formatOwner(ownerOf(process.pid));
  const deadline = Date.now() + waitMs;
  let pause = 2;
  for (;;) {
    if (tryCreate(path, mine)) break;
    if (Date.now() >= deadline) throw new LockTimeoutError(`${path} is held`);
    const found = probe(path);
    if (found.state === "free") continue;
    if (found.state === "stale" && breakStale(path, found.text)) continue;
    await sleep(found.state === "stale" ? 1 : pause);
    if (found.state === "held") pause = Math.min(pause * 1.5, 50);
  }
  // the lease, for waiters on other hosts sharing the file system
  const refresh = setInterval(() => {
    try {
      const t = new Date();
      lutimesSync(path, t, t);
    } catch {
      // lost: the release below checks the record before removing anything
    }
  }, LEASE_MS / 3);
  refresh.unref();
  return {
    release() {
      clearInterval(refresh);
      removeIfStill(path, mine);
    },
  };
}
