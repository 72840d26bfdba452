// Bash completion answered by pcs itself from the one route table: completions/pcs runs
// `PCS_LITE_COMPLETE=1 pcs <words typed so far> <current word>` and offers the printed lines.
// A first line "@files" asks the shell to complete file names instead.
import { readFileSync } from "node:fs";
import { type XmlElement } from "../cib/xml.js";
import { parseXml } from "../cib/xml-parse.js";
import { GLOBAL_OPTIONS, parseArgv } from "./argv.js";
import type { CompletionKind, Route } from "./route-types.js";
import { AREAS, findArea } from "./routes/index.js";

export const COMPLETE_ENV = "PCS_LITE_COMPLETE";
const FILES = "@files";
const VALUE_OPTIONS = new Set(["-f", "-p", "-u"]);

interface Typed {
  words: string[];
  options: Map<string, string | undefined>;
  /** The word before the current one. */
  previous: string | undefined;
}

function readTyped(before: string[]): Typed {
  const previous = before[before.length - 1];
  // An option still waiting for its value must not make parsing fail.
  const complete = previous !== undefined && VALUE_OPTIONS.has(previous) ? before.slice(0, -1) : before;
  try {
    const { words, options } = parseArgv(complete);
    return { words, options, previous };
  } catch {
    return { words: complete.filter((w) => !w.startsWith("-")), options: new Map(), previous };
  }
}

const visibleRoutes = (words: string[]): Route[] =>
  (findArea(words[0])?.routes ?? []).filter((r) => !r.hidden);

/** The route whose path is the longest prefix of the words (no default route). */
function routeOf(words: string[]): Route | undefined {
  let best: Route | undefined;
  for (const r of findArea(words[0])?.routes ?? []) {
    if (r.path.length <= words.length && r.path.every((w, i) => w === words[i]) && (!best || r.path.length > best.path.length)) {
      best = r;
    }
  }
  return best;
}

function loadCib(file: string | undefined): XmlElement | undefined {
  const path = file ?? process.env.CIB_file;
  if (!path) return undefined;
  try {
    return parseXml(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

async function kindCandidates(kind: CompletionKind, file: string | undefined): Promise<string[]> {
  if (typeof kind !== "string") return [...kind];
  if (kind === "file") return [FILES];
  if (kind === "agent" || kind === "fence-agent") {
    const agents = await import("./completion/agents.js");
    return kind === "agent" ? agents.resourceAgentNames() : agents.fenceAgentNames();
  }
  const cib = loadCib(file);
  if (!cib) return [];
  const { idsOfKind } = await import("./completion/cib-ids.js");
  return idsOfKind(cib, kind);
}

/** Candidates for the last word of `argv` (the word being completed, maybe empty). */
export async function candidates(argv: readonly string[]): Promise<string[]> {
  const current = argv[argv.length - 1] ?? "";
  const typed = readTyped(argv.slice(0, -1));
  if (typed.previous !== undefined && VALUE_OPTIONS.has(typed.previous)) return typed.previous === "-f" ? [FILES] : [];
  const { words } = typed;
  const route = words.length ? routeOf(words) : undefined;
  if (current.startsWith("-")) {
    return [...new Set([...GLOBAL_OPTIONS.filter((o) => o !== "--corosync_conf"), "--version", ...(route?.options ?? [])])];
  }
  if (!words.length) return [...AREAS.map((a) => a.name), "help"];
  const next = new Set<string>();
  for (const r of visibleRoutes(words)) {
    if (r.path.length > words.length && words.every((w, i) => r.path[i] === w)) next.add(r.path[words.length]);
  }
  const out = [...next];
  if (route && route.complete?.length) {
    const position = words.length - route.path.length;
    const kind = route.complete[Math.min(position, route.complete.length - 1)];
    out.push(...(await kindCandidates(kind, typed.options.get("-f"))));
  }
  return out;
}

/** Print the candidates that start with the current word, one a line. */
export async function complete(argv: readonly string[], print: (text: string) => void): Promise<number> {
  const current = argv[argv.length - 1] ?? "";
  const found = await candidates(argv.length ? argv : [""]);
  const lines = found[0] === FILES ? [FILES] : [...new Set(found.filter((c) => c.startsWith(current)))];
  if (lines.length) print(lines.join("\n"));
  return 0;
}
