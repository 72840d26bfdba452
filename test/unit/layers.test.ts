// Imports point one way (../shared/STYLE.md: cli -> commands -> env/cib; cluster -> scheduler -> cib;
// nothing below imports from above) and no module reaches itself through its imports, type imports
// included: read from the sources' import statements.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const SRC = join(__dirname, "..", "..", "src");

// a folder may import from folders of a lower layer only
const LAYER: Record<string, number> = {
  report: 0,
  host: 0,
  "fence-agent": 0,
  cib: 1,
  transport: 1,
  booth: 1,
  corosync: 1,
  agents: 2,
  scheduler: 2,
  status: 3,
  env: 3,
  commands: 4,
  cluster: 4,
  cli: 5,
  "pacemaker-agent": 5,
  "pcs-agent": 5,
  sandbox: 6,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Each source file (relative to src) and the source files it imports, type imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets: string[] = [];
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
      const target = normalize(join(dirname(file), m[1])).replace(/\.js$/, ".ts");
      if (existsSync(target) && target.startsWith(SRC)) targets.push(relative(SRC, target));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const folder = (file: string) => file.split("/")[0];

test("every source folder has a layer", () => {
  const folders = new Set([...importGraph().keys()].filter((f) => f.includes("/")).map(folder));
  expect([...folders].filter((f) => LAYER[f] === undefined)).toEqual([]);
});

test("imports point down: no folder imports from its own layer or above", () => {
  const upward: string[] = [];
  for (const [file, targets] of importGraph()) {
    for (const target of targets) {
      const from = folder(file);
      const to = folder(target);
      if (from !== to && file.includes("/") && target.includes("/") && LAYER[to] >= LAYER[from]) upward.push(`${file} -> ${target}`);
    }
  }
  expect(upward).toEqual([]);
});

test("no module imports itself through others", () => {
  const graph = importGraph();
  const state = new Map<string, "open" | "done">();
  const circles: string[] = [];
  const visit = (file: string, path: string[]) => {
    state.set(file, "open");
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === "open") circles.push([...path.slice(path.indexOf(target)), target].join(" -> "));
      else if (!state.has(target)) visit(target, path);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  expect(circles).toEqual([]);
});
