// Rewriting a file in place, as pcs does (the file keeps its inode: open handles, hard links, a symlinked
// path, owner and mode all see the new content), without losing it to a crash: the new content is first
// made durable in a sibling `.NAME.PID.N.new`, and a writer that finds such a copy of a dead process
// finishes that write before doing anything else.
import { closeSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pidExists, removeStaleTempFiles } from "./atomic.js";

let counter = 0;

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems refuse fsync on a directory
  }
}

function writeDurably(path: string, data: Uint8Array, flags: string): void {
  const fd = openSync(path, flags, 0o600);
  try {
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done, done);
    // cut what is left of a longer old content only after writing: its blocks are overwritten, not freed and taken anew
    if (flags === "r+") ftruncateSync(fd, data.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const copyPattern = (file: string) => new RegExp(`^\\.${basename(file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(\\d+)\\.\\d+\\.new$`);

/** Completes the in-place writes of `file` that dead writers left unfinished; returns how many. */
export function recoverInterruptedWrites(file: string): number {
  removeStaleTempFiles(file);
  const dir = dirname(file);
  const pattern = copyPattern(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let recovered = 0;
  for (const name of names.sort()) {
    const m = pattern.exec(name);
    if (!m || pidExists(Number(m[1]))) continue;
    const copy = join(dir, name);
    try {
      writeDurably(file, readFileSync(copy), "r+");
      unlinkSync(copy);
      recovered++;
    } catch {
      // another writer finished it, or the file is not ours to write
    }
  }
  if (recovered) fsyncDir(dir);
  return recovered;
}

/** Rewrites the existing `file` in place with `content`. */
export function writeFileInPlace(file: string, text: string | Uint8Array): void {
  // encoded once: the copy and the file are written from the same bytes
  const content = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const dir = dirname(file);
  const stem = join(dir, `.${basename(file)}.${process.pid}.${counter++}`);
  let copied = false;
  try {
    writeDurably(`${stem}.tmp`, content, "w");
    renameSync(`${stem}.tmp`, `${stem}.new`);
    fsyncDir(dir);
    copied = true;
  } catch {
    // a folder we may not write to: the file itself may still be writable, as it is for pcs
    try {
      unlinkSync(`${stem}.tmp`);
    } catch {
      // never created
    }
  }
  try {
    writeDurably(file, content, "r+");
  } catch (e) {
    // the file was not touched (it cannot be opened for writing): no write to finish later
    if (copied) unlinkSync(`${stem}.new`);
    throw e;
  }
  if (!copied) return;
  unlinkSync(`${stem}.new`);
  fsyncDir(dir);
}
