// The skimmer's fast path at native speed (wasm/skim.ts, compiled to WebAssembly by the build):
// a kept section of an all-ASCII document is checked over its bytes, in one call. When that
// reaches the section's end the JavaScript skimmer (xml-skim.ts) takes its findings; when it gives
// up (anything but simple tags and whitespace), the JavaScript skimmer reads the section as ever.
import skimModule from "../../wasm/build/skim.wasm";

interface SkimExports {
  memory: WebAssembly.Memory;
  reserve(length: number): number;
  skim(length: number, from: number, base: number): number;
  /** bits: 1 canonical, 2 tags only, 4 has children, 8 just opened */
  flags(): number;
  idCount(): number;
  idsPointer(): number;
  tags(): number;
  maxDepth(): number;
  reserveOutput(size: number): number;
  reindent(from: number, to: number, level: number): number;
  firstControl(length: number): number;
}

/** Where a rewritten section goes: a sink of bytes (TextSink). */
export interface ByteSink {
  addBytes(bytes: Uint8Array): void;
}

/** What the skimmer found in a section it read to the end. */
export interface SkimResult {
  /** where the whitespace before the section's end tag starts */
  readonly end: number;
  readonly canonical: boolean;
  readonly tagsOnly: boolean;
  readonly hasChildren: boolean;
  /** the last tag was a start tag (or there was none) */
  readonly justOpened: boolean;
  /** (name start, value start, value end) of each id attribute, in document order */
  readonly ids: Int32Array;
  /**
   * Writes the section's content in pcs's layout, its children `depth + 1` deep (as xml-rewrite's
   * reindentChildren does); false when the bytes are no longer there (another document was read since).
   */
  reindent(depth: number, out: ByteSink): boolean;
}

let instance: SkimExports | null | undefined;
// which document the skimmer's memory holds
let generation = 0;

function skimmer(): SkimExports | null {
  if (instance === undefined) {
    try {
      const abort = () => {
        throw new Error("wasm skimmer aborted");
      };
      instance = new WebAssembly.Instance(new WebAssembly.Module(skimModule), { env: { abort } }).exports as unknown as SkimExports;
    } catch {
      // no WebAssembly (or no SIMD) here: the JavaScript skimmer does it all
      instance = null;
    }
  }
  return instance;
}

/**
 * Room for a document of `size` bytes, in the skimmer's memory when there is one (read a file into
 * it, and SkimmedBytes.of takes it without a copy); valid until the next document is read.
 */
export function documentBuffer(size: number): Buffer {
  const wasm = skimmer();
  const at = wasm ? wasm.reserve(size) : 0;
  // the document read before is no longer there: its sections are rewritten in JavaScript from now on
  if (at) generation++;
  return at ? Buffer.from(wasm!.memory.buffer, at, size) : Buffer.allocUnsafe(size);
}

/** The skimmer's memory holds `bytes`, read there by documentBuffer. */
function holds(wasm: SkimExports, bytes: Uint8Array): boolean {
  return bytes.buffer === wasm.memory.buffer && bytes.byteOffset === wasm.reserve(bytes.length);
}

/**
 * Where the first control character XML does not allow (all but tab, newline, carriage return) is
 * in an all-ASCII document read by documentBuffer: -1 when none, undefined when it cannot tell here.
 */
export function firstControlCharacter(bytes: Uint8Array): number | undefined {
  const wasm = skimmer();
  return wasm && holds(wasm, bytes) ? wasm.firstControl(bytes.length) : undefined;
}

/** A document's bytes (each one code unit of its text: ASCII) in the skimmer's memory. */
export class SkimmedBytes {
  private readonly generation = ++generation;

  private constructor(
    private readonly wasm: SkimExports,
    private readonly length: number,
  ) {}

  /** The skimmer, holding a copy of `bytes`; undefined when there is no WebAssembly. */
  static of(bytes: Uint8Array): SkimmedBytes | undefined {
    const wasm = skimmer();
    if (!wasm) return undefined;
    if (!holds(wasm, bytes)) {
      const at = wasm.reserve(bytes.length);
      if (!at) return undefined;
      new Uint8Array(wasm.memory.buffer, at, bytes.length).set(bytes);
    }
    return new SkimmedBytes(wasm, bytes.length);
  }

  /**
   * Skims the content of a kept section from `from` (its element `base` deep, the root 1); undefined
   * when it holds anything the JavaScript skimmer's fast path would not take.
   */
  section(from: number, base: number): SkimResult | undefined {
    const wasm = this.wasm;
    const end = wasm.skim(this.length, from, base);
    if (end < 0) return undefined;
    const count = wasm.idCount();
    const ids = new Int32Array(wasm.memory.buffer, wasm.idsPointer(), 3 * count).slice();
    const tags = wasm.tags();
    const deepest = wasm.maxDepth();
    const flags = wasm.flags();
    return {
      end,
      canonical: (flags & 1) !== 0,
      tagsOnly: (flags & 2) !== 0,
      hasChildren: (flags & 4) !== 0,
      justOpened: (flags & 8) !== 0,
      ids,
      // each tag gains at most its indentation, a newline and "/>"
      reindent: (depth, out) => this.reindent(from, end, depth, end - from + tags * (2 * (depth + 1 + deepest) + 3), out),
    };
  }

  private reindent(from: number, to: number, depth: number, bound: number, out: ByteSink): boolean {
    if (this.generation !== generation) return false;
    const wasm = this.wasm;
    const at = wasm.reserveOutput(bound);
    if (!at) return false;
    const length = wasm.reindent(from, to, depth + 1);
    out.addBytes(new Uint8Array(wasm.memory.buffer, at, length));
    return true;
  }
}
