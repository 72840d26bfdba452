// The corosync.conf file given with --corosync_conf: read it (with the OS's reason when that fails) and
// write it back in place, as pcs does.
import { readFileSync } from "node:fs";
import { recoverInterruptedWrites, writeFileInPlace } from "../host/in-place.js";

export class CorosyncFileError extends Error {
  constructor(
    readonly file: string,
    /** the OS's reason, as Python's strerror words it */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EPERM: "Operation not permitted",
  EROFS: "Read-only file system",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
  ENOSPC: "No space left on device",
};

export function osReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code && REASONS[err.code]) return REASONS[err.code];
  const text = /^[A-Z]+: ([^,]*)/.exec(err.message ?? "")?.[1] ?? String(err.message ?? e);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function readCorosyncFile(file: string): string {
  recoverInterruptedWrites(file);
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new CorosyncFileError(file, osReason(e));
  }
}

export function writeCorosyncFile(file: string, text: string): void {
  try {
    writeFileInPlace(file, text);
  } catch (e) {
    throw new CorosyncFileError(file, osReason(e));
  }
}
