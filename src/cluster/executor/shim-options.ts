// Command-line options as glib's GOption reads them for Pacemaker's tools: -x VALUE, -xVALUE,
// clustered flags (-qG), --long VALUE, --long=VALUE; an optional argument only as -xVALUE or
// --long=VALUE; "--" ends the options; other words are left alone.
export interface OptionSpec {
  id: string;
  short?: string;
  long?: string[];
  arg: "none" | "required" | "optional";
}

export interface ParsedOption {
  id: string;
  value?: string;
  /** As written, for messages. */
  as: string;
}

export type ParseResult = { ok: true; options: ParsedOption[]; words: string[] } | { ok: false; error: string };

export function parseOptions(argv: string[], specs: OptionSpec[]): ParseResult {
  const options: ParsedOption[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = specs.find((s) => s.long?.includes(name));
      if (!spec) return { ok: false, error: `Unknown option --${name}` };
      const as = `--${name}`;
      if (spec.arg === "none") {
        if (eq >= 0) return { ok: false, error: `Option ${as} does not take an argument` };
        options.push({ id: spec.id, as });
      } else if (eq >= 0) options.push({ id: spec.id, value: a.slice(eq + 1), as });
      else if (spec.arg === "optional") options.push({ id: spec.id, as });
      else if (i + 1 < argv.length) options.push({ id: spec.id, value: argv[++i], as });
      else return { ok: false, error: `Missing argument for ${as}` };
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const spec = specs.find((s) => s.short === a[j]);
        const as = `-${a[j]}`;
        if (!spec) return { ok: false, error: `Unknown option ${as}` };
        if (spec.arg === "none") {
          options.push({ id: spec.id, as });
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest) options.push({ id: spec.id, value: rest, as });
        else if (spec.arg === "optional") options.push({ id: spec.id, as });
        else if (i + 1 < argv.length) options.push({ id: spec.id, value: argv[++i], as });
        else return { ok: false, error: `Missing argument for ${as}` };
        break;
      }
      continue;
    }
    words.push(a);
  }
  return { ok: true, options, words };
}
