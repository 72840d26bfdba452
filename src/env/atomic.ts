import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Replace `file` with `content`: write a sibling temporary file, fsync it, rename over, fsync the folder. */
export function writeFileAtomic(file: string, content: string, mode?: number): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
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
    writeSync(fd, content);
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
