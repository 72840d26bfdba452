// Command-line name=value parsing shared by the constraint commands (pcs's parse_args rules).
import { UsageError } from "./errors.js";

export type Options = Map<string, string>;

/** `name=value` words to an ordered map; a repeated name with another value is an error. */
export function prepareOptions(words: readonly string[]): Options {
  const options: Options = new Map();
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq <= 0) throw new UsageError(eq === 0 ? `missing key in '${word}' option` : `missing value of '${word}' option`);
    const name = word.slice(0, eq);
    const value = word.slice(eq + 1);
    const old = options.get(name);
    if (old === undefined) options.set(name, value);
    else if (old !== value) throw new UsageError(`duplicate option '${name}' with different values '${old}' and '${value}'`);
  }
  return options;
}

/** Split `words` at every `separator`. */
export function splitList(words: readonly string[], separator: string): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (w === separator) out.push([]);
    else out[out.length - 1].push(w);
  }
  return out;
}

export interface SetSpec {
  ids: string[];
  options: Options;
}

/** `A B opt=v [set C D opt=v]... [setoptions name=value...]`. */
export function parseSetArgs(words: readonly string[]): { sets: SetSpec[]; options: Options } {
  if (words.filter((w) => w === "setoptions").length > 1) throw new UsageError("Keyword 'setoptions' may be mentioned at most once");
  const at = words.indexOf("setoptions");
  const setWords = at < 0 ? words : words.slice(0, at);
  const optionWords = at < 0 ? [] : words.slice(at + 1);
  if (!setWords.length) throw new UsageError();
  const sets = splitList(setWords, "set").map((args) => ({
    ids: args.filter((a) => !a.includes("=")),
    options: prepareOptions(args.filter((a) => a.includes("="))),
  }));
  if (!sets.length || !sets.every((s) => s.ids.length)) throw new UsageError();
  return { sets, options: prepareOptions(optionWords) };
}
