// Usage texts, rendered from the route table in pcs's layout.
import type { Area, Route } from "./route-types.js";
import { AREAS, findArea } from "./routes/index.js";

const WIDTH = 80;

export function wrap(text: string, indent: number): string {
  const pad = " ".repeat(indent);
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      if (line && pad.length + line.length + 1 + word.length > WIDTH) {
        lines.push(pad + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line ? pad + line : "");
  }
  return lines.join("\n");
}

export function routeUsage(route: Pick<Route, "synopsis" | "help">): string {
  const synopsis = route.synopsis
    .split("\n")
    .map((l, i) => (i === 0 ? "    " : "           ") + l.trim())
    .join("\n");
  return `${synopsis}\n${wrap(route.help, 8)}\n`;
}

const visible = (area: Area) => area.routes.filter((r) => !r.hidden);

export function areaUsage(area: Area): string {
  return `\nUsage: pcs ${area.name} [commands]...\n${area.summary}\n\nCommands:\n${visible(area).map(routeUsage).join("\n")}`;
}

/**
 * Usage of the routes under `words` (an area, or a command with its sub-commands). `unknownSubcommand`: the
 * words name a group and what followed is none of its commands; pcs's nested router then heads the usage
 * "Usage: pcs <words> ..." (a space before the dots).
 */
export function usageFor(words: readonly string[], unknownSubcommand = false): string | undefined {
  const area = findArea(words[0]);
  if (!area) return undefined;
  if (words.length === 1) return areaUsage(area);
  const routes = visible(area).filter((r) => words.slice(1).every((w, i) => r.path[i + 1] === w));
  if (!routes.length) return areaUsage(area);
  return `\nUsage: pcs ${words.join(" ")}${unknownSubcommand ? " " : ""}...\n${routes.map(routeUsage).join("\n")}`;
}

/**
 * pcs's sub_usage, which its routers print for a command line error: the usage entries of the area whose
 * synopsis starts with `words` joined by spaces, or, when none does, those of the words without the last one.
 * A router given an unknown sub-command asks for its own words plus "" (header "Usage: pcs stonith level ...").
 */
export function subUsage(areaName: string, words: readonly string[]): string | undefined {
  const area = findArea(areaName);
  if (!area) return undefined;
  if (!words.length) return areaUsage(area);
  const prefix = words.join(" ");
  const entries = visible(area).filter((r) => r.synopsis.startsWith(prefix));
  if (!entries.length) return subUsage(areaName, [prefix.split(/\s+/).filter(Boolean).slice(0, -1).join(" ")]);
  const head = (area.usageHead ?? "[commands]...").replace("[commands]", prefix);
  return `\nUsage: pcs ${area.name} ${head}\n${entries.map(routeUsage).join("\n").trimEnd()}\n`;
}

/** The usage a command line naming no command prints: that of the deepest command group it names. */
export function unknownCommandUsage(words: readonly string[]): string | undefined {
  const area = findArea(words[0]);
  if (!area) return undefined;
  let depth = 1;
  while (depth < words.length && area.routes.some((r) => r.path.length > depth + 1 && words.slice(0, depth + 1).every((w, i) => r.path[i] === w))) {
    depth++;
  }
  return subUsage(area.name, depth === words.length ? words.slice(1) : [...words.slice(1, depth), ""]);
}

export function mainUsage(): string {
  const commands = AREAS.map((a) => `    ${a.name.padEnd(12)}${a.summary}`).join("\n");
  return `
Usage: pcs [-f file] [-h] [commands]...
Control and configure pacemaker and corosync.

Options:
    -h, --help         Display usage and exit.
    -f file            Perform actions on file instead of active CIB.
                       Commands supporting the option use the initial state of
                       the specified file as their input and then overwrite the
                       file with the state reflecting the requested
                       operation(s).
    --debug            Print all network traffic and external commands run.
    --version          Print pcs version information.
    --request-timeout  Timeout for each outgoing request to another node in
                       seconds. Default is 60s.
    --force            Override checks and errors, the exact behavior depends on
                       the command. WARNING: Using the --force option is
                       strongly discouraged unless you know what you are doing.

Commands:
${commands}
`;
}
