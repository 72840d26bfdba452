// Writes man/pcs.8 and man/pcs-agent.8 from the route table (src/cli/routes), the same table that
// drives dispatch, --help and completion. `--check` only reports whether the files are up to date.
// The pages are committed (readable with `man -l man/pcs.8` without a build); test/man keeps them current.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");

async function loadAreas() {
  const dir = mkdtempSync(join(tmpdir(), "pcs-man-"));
  try {
    const out = join(dir, "routes.mjs");
    await build({
      entryPoints: [join(root, "src/cli/routes/index.ts")],
      outfile: out,
      bundle: true,
      format: "esm",
      platform: "node",
      logLevel: "error",
      // command modules the table loads lazily are never needed here
      plugins: [{ name: "no-commands", setup: (b) => b.onResolve({ filter: /\/commands\// }, (a) => (a.kind === "dynamic-import" ? { path: a.path, external: true } : undefined)) }],
    });
    return (await import(pathToFileURL(out).href)).AREAS;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** roff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
const esc = (text) =>
  text
    .replace(/\\/g, "\\e")
    .replace(/-/g, "\\-")
    .split("\n")
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join("\n");

const synopsisLines = (route) => route.synopsis.split("\n").map((l) => l.trim());

function routeEntry(area, route) {
  const [first, ...rest] = synopsisLines(route);
  const lines = [".TP", `\\fB${esc(first)}\\fR${rest.length ? "" : ""}`];
  for (const more of rest) lines.push(".br", `        ${esc(more)}`);
  lines.push(esc(route.help + (route.hidden ? " (Deprecated or internal; not listed in --help.)" : "")));
  if (route.options?.length) lines.push(".br", `Options: ${esc(route.options.join(", "))}`);
  return lines.join("\n");
}

export function pcsPage(areas, version) {
  const out = [
    `.TH PCS "8" "" "pcs-lite ${version}" "System Administration Utilities"`,
    ".SH NAME",
    "pcs \\- pacemaker cluster configuration tool (pcs-lite)",
    ".SH SYNOPSIS",
    "\\fBpcs\\fR [\\fI\\-f file\\fR] [\\fI\\-h\\fR] [\\fIcommands\\fR]...",
    ".SH DESCRIPTION",
    "Control and configure pacemaker clusters. pcs-lite accepts the commands of pcs 0.11. With \\fB\\-f\\fR " +
      "\\fIfile\\fR, commands read and write the CIB stored in that file instead of the live cluster.",
    ".SH OPTIONS",
    ".TP", "\\fB\\-h\\fR, \\fB\\-\\-help\\fR", "Print usage and exit.",
    ".TP", "\\fB\\-f\\fR \\fIfile\\fR", "Work on the CIB in \\fIfile\\fR; the file is created holding an empty CIB when missing.",
    ".TP", "\\fB\\-\\-debug\\fR", "Print the external commands run and the network traffic.",
    ".TP", "\\fB\\-\\-version\\fR", "Print the pcs version.",
    ".TP", "\\fB\\-\\-request\\-timeout\\fR \\fIseconds\\fR", "Timeout of each request sent to another node.",
    ".TP", "\\fB\\-\\-force\\fR", "Override checks that can be overridden. Use with care.",
    ".SH COMMANDS",
  ];
  for (const area of areas) out.push(".TP", `\\fB${esc(area.name)}\\fR`, esc(area.summary));
  for (const area of areas) {
    out.push(`.SS "${area.name}"`);
    const routes = [...area.routes.filter((r) => !r.hidden), ...area.routes.filter((r) => r.hidden)];
    for (const route of routes) out.push(routeEntry(area, route));
  }
  out.push(
    ".SH FILES",
    ".TP", "\\fIPCS_CONFIG_DIR\\fR", "Known hosts and the client key (default /var/lib/pcs\\-lite for root, else ~/.config/pcs\\-lite).",
    ".SH \"SEE ALSO\"",
    "\\fBpcs\\-agent\\fR(8), \\fBcrm_simulate\\fR(8), \\fBcibadmin\\fR(8), \\fBpacemaker\\-schedulerd\\fR(7)",
  );
  return out.join("\n") + "\n";
}

export function agentPage(version) {
  return [
    `.TH PCS-AGENT "8" "" "pcs-lite ${version}" "System Administration Utilities"`,
    ".SH NAME",
    "pcs\\-agent \\- pcs\\-lite node agent",
    ".SH SYNOPSIS",
    "\\fBpcs\\-agent\\fR \\fB\\-\\-state\\-dir\\fR \\fIDIR\\fR \\fB\\-\\-listen\\fR \\fIADDR:PORT\\fR",
    ".br",
    "\\fBpcs\\-agent\\fR \\fB\\-\\-state\\-dir\\fR \\fIDIR\\fR \\fBpasswd\\fR",
    ".SH DESCRIPTION",
    "The node agent of a pcs\\-lite cluster. It runs in the foreground and logs to standard error. It stores the " +
      "CIB, keeps SSH links to its peers with heartbeats, takes part in the election of the Designated Controller, " +
      "and on the DC runs the scheduler and sends the resulting actions to the nodes, which run resource and fence " +
      "agents.",
    ".SH OPTIONS",
    ".TP", "\\fB\\-\\-state\\-dir\\fR \\fIDIR\\fR", "Where the agent keeps its state: cib.xml, corosync.conf, keys, the password hash and logs.",
    ".TP", "\\fB\\-\\-listen\\fR \\fIADDR:PORT\\fR", "The address of the embedded SSH server.",
    ".SH COMMANDS",
    ".TP", "\\fBpasswd\\fR", "Read the new password of the user hacluster from standard input.",
    ".SH \"SEE ALSO\"",
    "\\fBpcs\\fR(8)",
  ].join("\n") + "\n";
}

const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const areas = await loadAreas();
const pages = { "man/pcs.8": pcsPage(areas, version), "man/pcs-agent.8": agentPage(version) };
if (process.argv.includes("--check")) {
  const stale = Object.entries(pages).filter(([file, text]) => {
    try {
      return readFileSync(join(root, file), "utf8") !== text;
    } catch {
      return true;
    }
  });
  for (const [file] of stale) process.stderr.write(`${file} is out of date with the route table: run npm run man\n`);
  process.exitCode = stale.length ? 1 : 0;
} else {
  mkdirSync(join(root, "man"), { recursive: true });
  for (const [file, text] of Object.entries(pages)) writeFileSync(join(root, file), text);
}
