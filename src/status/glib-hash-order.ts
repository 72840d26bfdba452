// The order in which a GLib 2.74 GHashTable keyed by strings iterates them, with Pacemaker's string
// hash (pcmk__strkey_table). Pacemaker's tools print some tables (tickets, a ticket's state) in that
// order, so showing them the same way means placing the keys as GLib does: open addressing with
// quadratic probing, in-place rehashing on growth.

const MIN_SHIFT = 3;
const PRIME_MOD = [1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139, 524287, 1048573];

/** Pacemaker's pcmk__str_hash: h * 31 + c over the UTF-8 bytes read as signed chars. */
export function pcmkStrHash(key: string): number {
  let h = 0;
  for (const byte of Buffer.from(key, "utf8")) {
    const signed = byte > 127 ? byte - 256 : byte;
    h = (Math.imul(h, 31) + signed) >>> 0;
  }
  return h;
}

class StringTable {
  private shift = MIN_SHIFT;
  private hashes: number[] = new Array<number>(1 << MIN_SHIFT).fill(0);
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << MIN_SHIFT).fill(undefined);
  private nnodes = 0;
  private noccupied = 0;

  private get size(): number {
    return 1 << this.shift;
  }

  private indexOf(hash: number): number {
    return (Math.imul(hash, 11) >>> 0) % PRIME_MOD[this.shift];
  }

  insert(key: string): void {
    let hash = pcmkStrHash(key);
    if (hash < 2) hash = 2;
    const mask = this.size - 1;
    let i = this.indexOf(hash);
    for (let step = 0; this.hashes[i] !== 0; ) {
      if (this.hashes[i] === hash && this.keys[i] === key) return;
      step++;
      i = (i + step) & mask;
    }
    this.hashes[i] = hash;
    this.keys[i] = key;
    this.nnodes++;
    this.noccupied++;
    const size = this.size;
    if ((size > this.nnodes * 4 && size > 1 << MIN_SHIFT) || size <= this.noccupied + Math.floor(this.noccupied / 16)) this.resize();
  }

  /** GLib's in-place rehash: entries move in old-slot order, each evicting the one in its new slot. */
  private resize(): void {
    const oldSize = this.size;
    let n = Math.trunc(this.nnodes * 1.333);
    let shift = 0;
    for (; n; shift++) n >>= 1;
    this.shift = Math.max(shift, MIN_SHIFT);
    const size = this.size;
    const mask = size - 1;
    while (this.hashes.length < size) {
      this.hashes.push(0);
      this.keys.push(undefined);
    }
    const moved = new Array<boolean>(Math.max(size, oldSize)).fill(false);
    for (let i = 0; i < oldSize; i++) {
      let hash = this.hashes[i];
      if (hash < 2) {
        this.hashes[i] = 0;
        continue;
      }
      if (moved[i]) continue;
      this.hashes[i] = 0;
      let key = this.keys[i];
      this.keys[i] = undefined;
      for (;;) {
        let j = this.indexOf(hash);
        for (let step = 0; moved[j]; ) {
          step++;
          j = (j + step) & mask;
        }
        moved[j] = true;
        const replacedHash = this.hashes[j];
        const replacedKey = this.keys[j];
        this.hashes[j] = hash;
        this.keys[j] = key;
        if (replacedHash < 2) break;
        hash = replacedHash;
        key = replacedKey;
      }
    }
    this.hashes.length = size;
    this.keys.length = size;
    this.noccupied = this.nnodes;
  }

  ordered(): string[] {
    return this.keys.filter((k, i): k is string => k !== undefined && this.hashes[i] >= 2);
  }
}

/** The keys, inserted in the order given, in the order GLib iterates them. */
export function glibIterationOrder(keys: Iterable<string>): string[] {
  const table = new StringTable();
  for (const key of keys) table.insert(key);
  return table.ordered();
}
