// File mode (-f FILE): the CIB is read from and written to one file, locked against other pcs
// processes for the whole read-modify-write, written only when the configuration changed.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { bumpEpoch, cibSectionsAsText, emptyCib } from "../cib/document.js";
import { encodePieces, openTagText, serializePieces, serializeXml, type Piece, type XmlElement } from "../cib/xml.js";
import { parseDocument, XmlSyntaxError, type ParsedDocument } from "../cib/xml-parse.js";
import { readXmlDocument } from "../cib/xml-check.js";
import { documentBuffer } from "../cib/xml-skim-wasm.js";
import { cibRootProblem } from "../cib/root-attributes.js";
import { fail, type Reports } from "../report/index.js";
import { writeFileAtomic } from "../host/atomic.js";
import { recoverInterruptedWrites, writeFileInPlace } from "../host/in-place.js";
import { lockFile, type HeldLock } from "./file-lock.js";
import type { Env } from "./types.js";
import { processRunner, type Runner } from "../host/runner.js";

/** A CIB file's text, decoded as it declares and checked (readXmlDocument); damage is a CIB_LOAD_ERROR. */
function decodeCibBytes(bytes: Buffer, file: string): { text: string; ascii: boolean } {
  try {
    return readXmlDocument(bytes);
  } catch (e) {
    if (e instanceof XmlSyntaxError) fail("CIB_LOAD_ERROR", { file, reason: e.message });
    throw e;
  }
}

export function parseCibText(text: string, file: string): XmlElement {
  return parseCibDocument(text, file).root;
}

function parseCibDocument(text: string, file: string, bytes?: Uint8Array): ParsedDocument {
  try {
    // sections stay text until a command reads them, and are written in pcs's layout whatever the
    // file's; PCS_LITE_NO_LAZY=1 parses the whole file (what tests compare the kept sections with)
    const parsed = process.env.PCS_LITE_NO_LAZY === "1" ? parseDocument(text) : parseDocument(text, { keepAsText: cibSectionsAsText, keptLayout: "canonical", bytes });
    const cib = parsed.root;
    if (cib.name !== "cib") fail("CIB_LOAD_ERROR", { file, reason: `the root element is '${cib.name}', expected 'cib'` });
    const rootProblem = cibRootProblem(cib);
    if (rootProblem) fail("CIB_LOAD_ERROR", { file, reason: rootProblem });
    return parsed;
  } catch (e) {
    if (e instanceof XmlSyntaxError) fail("CIB_LOAD_ERROR", { file, reason: e.message });
    throw e;
  }
}

/** A file's bytes, read where the CIB parser's native skimmer can take them without a copy. */
function readDocument(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const bytes = documentBuffer(size);
    let done = 0;
    for (let n = 1; done < size && n > 0; done += n) n = readSync(fd, bytes, done, size - done, done);
    // a file that changed size while read (not under our lock): read it again the plain way
    if (done !== size || readSync(fd, Buffer.alloc(1), 0, 1, size) !== 0) return readFileSync(file);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether two texts given in pieces are the same; a piece found at the same place in both (a section
 * kept as text) is not looked into.
 */
function sameText(a: readonly Piece[], b: readonly Piece[]): boolean {
  const text = (piece: Piece) => (typeof piece === "string" ? piece : piece.text());
  let i = 0;
  let j = 0;
  let atA = 0;
  let atB = 0;
  let x = "";
  let y = "";
  while (i < a.length && j < b.length) {
    if (!atA && !atB && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (!atA) x = text(a[i]);
    if (!atB) y = text(b[j]);
    const length = Math.min(x.length - atA, y.length - atB);
    if (length && x.slice(atA, atA + length) !== y.slice(atB, atB + length)) return false;
    atA += length;
    atB += length;
    if (atA === x.length) [i, atA] = [i + 1, 0];
    if (atB === y.length) [j, atB] = [j + 1, 0];
  }
  // what is left over on either side must be empty
  const empty = (pieces: readonly Piece[], k: number, at: number) => {
    for (; k < pieces.length; k++, at = 0) if (text(pieces[k]).length > at) return false;
    return true;
  };
  return empty(a, i, atA) && empty(b, j, atB);
}

export class FileEnv implements Env {
  readonly kind = "file" as const;

  constructor(
    readonly file: string,
    readonly runner: Runner = processRunner,
  ) {}

  /** The CIB as stored; a missing file is created holding an empty CIB, as pcs does. */
  private load(): { cib: XmlElement; text: string; canonical: boolean } {
    if (!existsSync(this.file)) {
      const cib = emptyCib();
      const text = serializeXml(cib);
      this.write(text);
      return { cib, text, canonical: true };
    }
    let bytes: Buffer;
    try {
      bytes = readDocument(this.file);
    } catch (e) {
      fail("CIB_FILE_READ_ERROR", { file: this.file, reason: (e as NodeJS.ErrnoException).message });
    }
    // well-formedness the parser does not check (encoding, characters, DOCTYPE, depth), as pcs's libxml2 does
    const { text, ascii } = decodeCibBytes(bytes, this.file);
    // an all-ASCII file's bytes are its text unit for unit: its sections can be skimmed natively
    const parsed = parseCibDocument(text, this.file, ascii ? bytes : undefined);
    return { cib: parsed.root, text, canonical: parsed.canonical };
  }

  private write(text: string | Uint8Array): void {
    try {
      // as pcs: an existing file is rewritten in place (open handles, hard links, owner and mode keep
      // seeing it), a durable sibling copy first so that a crash mid-write loses nothing
      if (existsSync(this.file)) writeFileInPlace(this.file, text);
      else writeFileAtomic(this.file, text);
    } catch (e) {
      fail("CIB_FILE_WRITE_ERROR", { file: this.file, reason: (e as NodeJS.ErrnoException).message });
    }
  }

  async readCib(): Promise<XmlElement> {
    return this.withLock(() => this.load().cib);
  }

  async editCib<T>(edit: (cib: XmlElement, reports: Reports) => T | Promise<T>, reports: Reports): Promise<T> {
    return this.withLock(async () => {
      const { cib, text, canonical } = this.load();
      // a file in our own layout is its serialization: compare against it instead of serializing twice
      const before: Piece[] = canonical ? [text] : [openTagText(cib), ...serializePieces(cib)];
      const result = await edit(cib, reports);
      reports.throwIfErrors();
      // only the root's version attributes change after the comparison: its start tag is apart
      const after = [openTagText(cib), ...serializePieces(cib)];
      if (!sameText(before, after)) {
        bumpEpoch(cib);
        after[0] = openTagText(cib);
        this.write(encodePieces(after));
      }
      return result;
    });
  }

  async replaceCib(cib: XmlElement): Promise<void> {
    await this.withLock(() => this.write(serializeXml(cib)));
  }

  async transformCib(transform: (cib: XmlElement) => Promise<XmlElement | undefined>): Promise<void> {
    await this.withLock(async () => {
      const next = await transform(this.load().cib);
      if (next) this.write(serializeXml(next));
    });
  }

  private async withLock<T>(body: () => T | Promise<T>): Promise<T> {
    let lock: HeldLock;
    try {
      lock = await lockFile(this.file);
    } catch {
      fail("CIB_FILE_LOCKED", { file: this.file });
    }
    try {
      // what writers killed mid-write left: their temporary files, and in-place writes to finish
      recoverInterruptedWrites(this.file);
      return await body();
    } finally {
      lock.release();
    }
  }
}
