import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let tempCounter = 0;

/** Whether a process with this pid exists (one we may not signal exists too). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files `.NAME.PID.N.tmp` (and the older `.NAME.PID.tmp`) that writers of `file` left
 * when killed mid-write: those whose process is gone. Returns the names removed.
 */
export function removeStaleTempFiles(file: string): string[] {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)(?:\.\d+)?$/.exec(name.slice(prefix.length, -".tmp".length));
    if (!m || pidExists(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // removed by another cleaner, or not ours to remove
    }
  }
  return removed;
}

/** Replace `file` with `content`: write a sibling temporary file, fsync it, rename over, fsync the folder. */
export function writeFileAtomic(file: string, content: string | Uint8Array, mode?: number): void {
  const dir = dirname(file);
  // the counter keeps two writes of one process (the agent's, say) from sharing a temporary file
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${tempCounter++}.tmp`);
  let existingMode = mode;
  if (existingMode === undefined) {
    try {
      existingMode = statSync(file).mode & 0o7777;
    } catch {
      existingMode = 0o644;
    }
  }
  const fd = openSync(tmp, "w", existingMode);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the rename failed, the temporary file may be gone already
    }
    throw e;
  }
  try {
    const dirFd = openSync(dir, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // some file systems refuse fsync on a directory; the rename itself is atomic
  }
}
