// The node's copy of the CIB: kept in memory, stored in DIR/cib.xml (replaced atomically);
// every change goes through one queue so that versions advance one at a time.
import { existsSync, readFileSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { cibVersion, compareVersions, type CibVersion } from "../../cib/document.js";
import { serializeXml, type XmlElement } from "../../cib/xml.js";
import { parseXml } from "../../cib/xml-parse.js";
import { writeFileAtomic } from "../../host/atomic.js";

export interface CibStore {
  current(): { cib: XmlElement; xml: string; version: CibVersion } | undefined;
  /** Store `xml` when it is newer than what we hold (catch-up, replication); returns whether stored. */
  storeIfNewer(xml: string): boolean;
  /** Replace unconditionally (setup). */
  replace(xml: string): void;
  /** Replace with an already parsed tree; the file is written asynchronously (atomic rename). */
  replaceAsync(cib: XmlElement, xml: string): Promise<void>;
  clear(): void;
  /** Run `change` alone: it gets a private copy and returns the new text, or undefined for no change. */
  exclusive<T>(change: () => Promise<T>): Promise<T>;
}

export function openCibStore(file: string): CibStore {
  let state: { cib: XmlElement; xml: string; version: CibVersion } | undefined;
  const load = () => {
    if (!existsSync(file)) return;
    try {
      const xml = readFileSync(file, "utf8");
      const cib = parseXml(xml);
      state = { cib, xml, version: cibVersion(cib) };
    } catch {
      state = undefined;
    }
  };
  load();
  let queue: Promise<unknown> = Promise.resolve();
  const set = (xml: string) => {
    const cib = parseXml(xml);
    const text = serializeXml(cib);
    writeFileAtomic(file, text);
    state = { cib, xml: text, version: cibVersion(cib) };
  };
  return {
    current: () => state,
    storeIfNewer(xml) {
      const incoming = cibVersion(parseXml(xml));
      if (state && compareVersions(incoming, state.version) <= 0) return false;
      set(xml);
      return true;
    },
    replace: set,
    async replaceAsync(cib, xml) {
      state = { cib, xml, version: cibVersion(cib) };
      await writeAtomicAsync(file, xml);
    },
    clear() {
      state = undefined;
    },
    exclusive<T>(change: () => Promise<T>): Promise<T> {
      const run = queue.then(change, change);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

let sequence = 0;

/** Like writeFileAtomic, without blocking the event loop: peers get the CIB while we fsync. */
async function writeAtomicAsync(file: string, content: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${sequence++}.tmp`);
  const handle = await open(tmp, "w", 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  await rename(tmp, file);
}
