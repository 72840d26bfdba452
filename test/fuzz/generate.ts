// Seeded generation of bad input for pcs: command lines of the parity scenarios with ids, scores,
// intervals, references and options mutated, and CIB files damaged at the byte, character and
// structure level. Every case is plain data (JSON), so that one that once failed can be kept in
// test/fuzz/corpus/ and replayed as it was.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readScenario } from "../parity/scenario";
import { shlexSplit } from "../parity/shlex";

import { seededRng, type Rng } from "../helpers/rng";

export { seededRng, type Rng };

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

/** A command line run on a CIB made by `setup` (each line an argv), or on a base CIB file. */
export interface CommandCase {
  kind: "command";
  /** where the line came from, and what was done to it */
  origin: string;
  mutation: string;
  /** a base CIB of test/fuzz/bases, or none: then the setup lines run on a file that does not exist yet */
  base?: string;
  setup: string[][];
  args: string[];
}

/** A base CIB damaged by a recipe (see damage()), then read or edited by a command. */
export interface CibCase {
  kind: "cib";
  base: string;
  layout: "pretty" | "one-line";
  damage: Damage;
  args: string[];
}

export type FuzzCase = CommandCase | CibCase;

// ---- command lines ----

const ID_VALUES = ["", "1abc", "-a", ".a", "a b", "a:b", "a/b", "a#b", "a<b", 'a"b', "a'b", "a&b", "a=b", "é", "aé", "ü-ñ", "日本", "a\u0001b", "a\tb", "a\nb", "\uFFFD", "x".repeat(3000), "0", "a.b-c_d", "_x", "INFINITY", "#uname", "--", "a,b"];
const SCORE_VALUES = ["INFINITY", "+INFINITY", "-INFINITY", "infinity", "-infinity", "INF", "inf", "1e10", "99999999999999999999", "-99999999999999999999", "-0", "+5", "1.5", "abc", "", "- 5", "0x10", "1000001", "-1000000", "+-1", "Infinity", "-", "+"];
const INTERVAL_VALUES = ["10", "10s", "-5s", "-5", "5x", "1h30m", "abc", "", "0", "99999999999999999999s", "P1D", "PT10S", "10 s", "1.5s", "+10", "0x10", "10ms", "10us", "1min", "1hr", "2h", "10m", "s", "INFINITY", "-0s", "1e3"];
const GENERIC_VALUES = ["", "=", "==", "a=b=c", "--force", "--", "-f", "op", "meta", "clone", "group", "promotable", "and", "or", "(", ")", "rule", "id=", "score=", "interval=", "role=", "Bogus", "missing-thing", "\u00e9", "a\u0007", "x".repeat(300)];
const INSERTED_WORDS = ["op", "meta", "--force", "clone", "group", "--disabled", "--group", "G", "--after", "--before", "id=x", "score=abc", "interval=", "timeout=-1", "monitor", "role=Promoted", "rule", "and", "--full", "--all", "--wait", "--wait=5", "options", "requirements", "with", "then", "prefers", "avoids", "--no-default-ops", "--agent-validation"];
const MISSING_REFERENCES = ["missing-rsc", "nonexistent", "n99", "G-missing", "A-clone-x", "no-such-node", "x"];

/** The value kind a word or `name=value` word holds, guessed from its name (and value). */
function kindOf(name: string, value = ""): "id" | "score" | "interval" | "generic" {
  if (/score|weight|stickiness|^[+-]?(INFINITY|\d+)$/i.test(name) || /^[+-]?(INFINITY|\d+)$/.test(value)) return "score";
  if (/^\d+(ms|s|m|min|h)$/.test(value)) return "interval";
  if (/interval|timeout|delay|^\d+(ms|s|m|h)?$/i.test(name)) return "interval";
  if (/(^|-)id$|^id|name$/i.test(name)) return "id";
  return "generic";
}

const valuesFor = (kind: ReturnType<typeof kindOf>) =>
  kind === "id" ? ID_VALUES : kind === "score" ? SCORE_VALUES : kind === "interval" ? INTERVAL_VALUES : [...GENERIC_VALUES, ...ID_VALUES];

/** One mutation of an argv (never the first word: the area stays, so the command is reached). */
function mutateOnce(args: string[], rng: Rng): { args: string[]; what: string } {
  const out = [...args];
  const at = 1 + int(rng, Math.max(1, out.length - 1));
  const word = out[at] ?? "";
  const eq = word.indexOf("=");
  switch (int(rng, 10)) {
    case 0:
    case 1:
    case 2: {
      // a value: that of name=value, or the word itself
      if (eq > 0) {
        const value = pick(rng, valuesFor(kindOf(word.slice(0, eq), word.slice(eq + 1))));
        out[at] = word.slice(0, eq + 1) + value;
        return { args: out, what: `value of ${word.slice(0, eq)} -> ${JSON.stringify(value)}` };
      }
      const value = pick(rng, valuesFor(kindOf(word)));
      out[at] = value;
      return { args: out, what: `word ${at} ${JSON.stringify(word)} -> ${JSON.stringify(value)}` };
    }
    case 3: {
      const value = pick(rng, ID_VALUES);
      if (eq > 0 && rng() < 0.5) {
        // the name of a name=value: ids are often made of it
        out[at] = value + word.slice(eq);
        return { args: out, what: `name ${JSON.stringify(word.slice(0, eq))} -> ${JSON.stringify(value)}` };
      }
      out[at] = value;
      return { args: out, what: `word ${at} -> id ${JSON.stringify(value)}` };
    }
    case 4: {
      const value = pick(rng, MISSING_REFERENCES);
      out[at] = value;
      return { args: out, what: `word ${at} -> reference ${value}` };
    }
    case 5:
      out.splice(at, 0, word);
      return { args: out, what: `duplicated word ${at} ${JSON.stringify(word)}` };
    case 6:
      if (eq > 0) {
        out[at] = word.slice(0, eq + 1);
        return { args: out, what: `value of ${word.slice(0, eq)} removed` };
      }
      out.splice(at, 1);
      return { args: out, what: `word ${at} ${JSON.stringify(word)} removed` };
    case 7: {
      const inserted = pick(rng, INSERTED_WORDS);
      out.splice(at, 0, inserted);
      return { args: out, what: `inserted ${inserted} at ${at}` };
    }
    case 8: {
      out.length = at;
      return { args: out, what: `cut after word ${at}` };
    }
    default: {
      const other = 1 + int(rng, Math.max(1, out.length - 1));
      [out[at], out[other]] = [out[other], out[at]];
      return { args: out.filter((w) => w !== undefined), what: `swapped words ${at} and ${other}` };
    }
  }
}

interface SeedLine {
  scenario: string;
  index: number;
  setup: string[][];
  args: string[];
}

/** Every line of every scenario, with the lines before it (the CIB it ran on in the scenario). */
export function seedLines(scenarioDir: string): SeedLine[] {
  const seeds: SeedLine[] = [];
  for (const file of readdirSync(scenarioDir).filter((f) => f.endsWith(".pcs")).sort()) {
    const setup: string[][] = [];
    readScenario(join(scenarioDir, file)).forEach(({ line }, index) => {
      let args: string[];
      try {
        args = shlexSplit(line);
      } catch {
        return;
      }
      // options the generator must not mutate into: a file of its own, or a live cluster
      if (args.some((a) => a === "-f" || a.startsWith("--request-timeout"))) return;
      if (!["cluster", "host", "pcsd", "client"].includes(args[0])) seeds.push({ scenario: file.slice(0, -4), index, setup: [...setup], args });
      setup.push(args);
    });
  }
  return seeds;
}

export function commandCase(seeds: readonly SeedLine[], rng: Rng): CommandCase {
  const seed = pick(rng, seeds);
  let args = seed.args;
  const what: string[] = [];
  for (let k = 1 + int(rng, 2); k > 0; k--) {
    const m = mutateOnce(args, rng);
    args = m.args;
    what.push(m.what);
  }
  // a third of the lines run on the rich base CIB instead of their scenario's
  const onBase = rng() < 1 / 3;
  return {
    kind: "command",
    origin: `${seed.scenario}:${seed.index + 1}`,
    mutation: what.join("; "),
    ...(onBase ? { base: "rich" } : {}),
    setup: onBase ? [] : seed.setup,
    args,
  };
}

// ---- CIB files ----

export type Damage =
  | { type: "flip-bits"; at: number[]; masks: number[] }
  | { type: "truncate"; at: number }
  | { type: "insert-bytes"; at: number; hex: string; note: string }
  | { type: "prepend"; text: string }
  | { type: "latin1" }
  | { type: "duplicate-attribute"; tag: number }
  | { type: "doctype"; variant: string }
  | { type: "nest"; depth: number; at: number }
  | { type: "char-reference"; at: number; code: number }
  | { type: "as-utf16"; bom: boolean };

const INSERTED = [
  ["01", "U+0001"],
  ["08", "U+0008"],
  ["0b", "U+000B"],
  ["0c", "U+000C"],
  ["1b", "U+001B"],
  ["1f", "U+001F"],
  ["00", "NUL"],
  ["efbfbe", "U+FFFE"],
  ["efbfbf", "U+FFFF"],
  ["eda080", "lone surrogate U+D800 (CESU bytes)"],
  ["edbfbf", "lone surrogate U+DFFF (CESU bytes)"],
  ["c3", "truncated UTF-8 sequence"],
  ["e9", "Latin-1 e-acute"],
  ["ff", "byte 0xFF"],
  ["c0af", "overlong '/'"],
  ["f4908080", "beyond U+10FFFF"],
  ["efbbbf", "BOM in the middle"],
  ["c3a9", "e-acute (valid UTF-8)"],
  ["f09f9880", "emoji (valid UTF-8)"],
  ["3c", "'<'"],
  ["26", "'&'"],
  ["3e", "'>'"],
  ["22", "'\"'"],
  ["5d5d3e", "']]>'"],
  ["2d2d", "'--'"],
] as const;

const PREPENDED = [
  '<?xml version="1.0" encoding="UTF-16"?>\n',
  '<?xml version="1.0" encoding="utf-16le"?>\n',
  '<?xml version="1.0" encoding="UCS-4"?>\n',
  '<?xml version="1.0" encoding="foo"?>\n',
  '<?xml version="1.0" encoding="US-ASCII"?>\n',
  '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  '<?xml version="2.0"?>\n',
  '<?xml version="1.0" standalone="maybe"?>\n',
  '<?xml encoding="UTF-8"?>\n',
  '\n<?xml version="1.0"?>\n',
  "\ufeff",
  '\ufeff<?xml version="1.0" encoding="UTF-16"?>\n',
  "<?XML version='1.0'?>\n",
  "<!-- a -- b -->\n",
  "<!-- fine -->\n",
  "<?pi data?>\n",
  "junk",
  "<x/>\n",
] as const;

const DOCTYPES = ["internal-entity", "external-entity", "external-dtd", "billion-laughs", "parameter-entity", "plain", "after-root"] as const;

const NEST_DEPTHS = [100000, 5000, 300, 258, 257, 250];

/** A damage recipe for the base CIB, and the layout the base is in. */
export function damageRecipe(baseText: string, rng: Rng): { layout: CibCase["layout"]; damage: Damage } {
  const n = baseText.length;
  const choice = int(rng, 20);
  let damage: Damage;
  if (choice < 4) {
    const count = 1 + int(rng, 3);
    damage = { type: "flip-bits", at: Array.from({ length: count }, () => int(rng, n)), masks: Array.from({ length: count }, () => 1 << int(rng, 8)) };
  } else if (choice < 6) damage = { type: "truncate", at: int(rng, n) };
  else if (choice < 10) {
    const [hex, note] = pick(rng, INSERTED);
    damage = { type: "insert-bytes", at: int(rng, n), hex, note };
  } else if (choice < 12) damage = { type: "prepend", text: pick(rng, PREPENDED) };
  else if (choice < 13) damage = { type: "latin1" };
  else if (choice < 14) damage = { type: "duplicate-attribute", tag: int(rng, 200) };
  else if (choice < 16) damage = { type: "doctype", variant: pick(rng, DOCTYPES) };
  else if (choice < 18) damage = { type: "nest", depth: pick(rng, NEST_DEPTHS), at: int(rng, 200) };
  else if (choice < 19) damage = { type: "char-reference", at: int(rng, 200), code: pick(rng, [1, 8, 0x1f, 0xfffe, 0xffff, 0xd800, 0xdfff, 0x110000, 0, 0x41, 0x10ffff]) };
  else damage = { type: "as-utf16", bom: rng() < 0.5 };
  return { layout: rng() < 0.25 ? "one-line" : "pretty", damage };
}

/** Offsets where a tag starts (`<` of a start tag). */
function startTags(text: string): number[] {
  const tags: number[] = [];
  for (let i = text.indexOf("<"); i >= 0; i = text.indexOf("<", i + 1)) if (/[A-Za-z_]/.test(text[i + 1])) tags.push(i);
  return tags;
}

function doctype(variant: string, root: string): { before: string; inRoot: string } {
  switch (variant) {
    case "internal-entity":
      return { before: `<!DOCTYPE ${root} [<!ENTITY x "expanded">]>\n`, inRoot: "&x;" };
    case "external-entity":
      return { before: `<!DOCTYPE ${root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n`, inRoot: "&x;" };
    case "external-dtd":
      return { before: `<!DOCTYPE ${root} SYSTEM "file:///etc/passwd">\n`, inRoot: "" };
    case "billion-laughs": {
      let decls = '<!ENTITY l0 "lol">';
      for (let k = 1; k <= 9; k++) decls += `<!ENTITY l${k} "${`&l${k - 1};`.repeat(10)}">`;
      return { before: `<!DOCTYPE ${root} [${decls}]>\n`, inRoot: "&l9;" };
    }
    case "parameter-entity":
      return { before: `<!DOCTYPE ${root} [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n`, inRoot: "" };
    case "plain":
      return { before: `<!DOCTYPE ${root}>\n`, inRoot: "" };
    default:
      return { before: "", inRoot: "" };
  }
}

/** The damaged file's bytes: the recipe applied to the base text. */
export function applyDamage(baseText: string, damage: Damage): Buffer {
  const utf8 = (s: string) => Buffer.from(s, "utf8");
  const bytes = utf8(baseText);
  switch (damage.type) {
    case "flip-bits": {
      const out = Buffer.from(bytes);
      damage.at.forEach((at, k) => (out[at % out.length] ^= damage.masks[k]));
      return out;
    }
    case "truncate":
      return bytes.subarray(0, damage.at % bytes.length);
    case "insert-bytes": {
      const at = damage.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(damage.hex, "hex"), bytes.subarray(at)]);
    }
    case "prepend":
      return Buffer.concat([utf8(damage.text), bytes]);
    case "latin1": {
      // a non-ASCII value written in Latin-1 under a UTF-8 declaration
      const text = baseText.replace(/value="([^"]*)"/, 'value="$1\u00e9"');
      return Buffer.concat([utf8('<?xml version="1.0" encoding="UTF-8"?>\n'), Buffer.from(text, "latin1")]);
    }
    case "duplicate-attribute": {
      const tags = startTags(baseText);
      const at = tags[damage.tag % tags.length];
      const m = /^<[^\s/>]+ ([^=\s]+="[^"]*")/.exec(baseText.slice(at));
      if (!m) return bytes;
      const end = at + m[0].length;
      return utf8(baseText.slice(0, end) + " " + m[1] + baseText.slice(end));
    }
    case "doctype": {
      if (damage.variant === "after-root") return utf8(baseText + "<!DOCTYPE cib>\n");
      const { before, inRoot } = doctype(damage.variant, "cib");
      // the reference goes into an element with text allowed by the parser: an attribute of the root
      const text = inRoot ? baseText.replace(/^<cib /, `<cib x-ref="${inRoot}" `) : baseText;
      return utf8(before + text);
    }
    case "nest": {
      const tags = startTags(baseText).slice(1);
      const at = tags[damage.at % tags.length];
      const nested = "<x>".repeat(damage.depth) + "</x>".repeat(damage.depth);
      return utf8(baseText.slice(0, at) + nested + baseText.slice(at));
    }
    case "char-reference": {
      const tags = startTags(baseText);
      const at = tags[damage.at % tags.length];
      const m = /^<[^\s/>]+ [^=\s]+="/.exec(baseText.slice(at));
      if (!m) return bytes;
      const end = at + m[0].length;
      return utf8(baseText.slice(0, end) + `&#x${damage.code.toString(16)};` + baseText.slice(end));
    }
    case "as-utf16": {
      const le = Buffer.from(baseText, "utf16le");
      return damage.bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : le;
    }
  }
}

/** A base CIB's text in a layout: as pcs writes it, or on one line. */
export function baseText(basesDir: string, base: string, layout: "pretty" | "one-line"): string {
  const text = readFileSync(join(basesDir, `${base}.xml`), "utf8");
  return layout === "one-line" ? text.replace(/>\s+</g, "><") : text;
}

/** The cases of a run: `commands` mutated lines, and `cibs` damaged files each read by every one of `cibCommands`. */
export function generateCases(options: { seed: number; commands: number; cibs: number; scenarioDir: string; basesDir: string; cibCommands: readonly string[][] }): FuzzCase[] {
  const rng = seededRng(options.seed);
  const seeds = seedLines(options.scenarioDir);
  const cases: FuzzCase[] = [];
  for (let k = 0; k < options.commands; k++) cases.push(commandCase(seeds, rng));
  const base = baseText(options.basesDir, "rich", "pretty");
  for (let k = 0; k < options.cibs; k++) {
    const recipe = damageRecipe(base, rng);
    for (const args of options.cibCommands) cases.push({ kind: "cib", base: "rich", ...recipe, args: [...args] });
  }
  return cases;
}
