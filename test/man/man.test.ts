// The man pages are generated from the route table: every route has help and a man entry,
// the committed pages are current, and man renders them.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, haveTool } from "../helpers/cli";
import { allRoutes } from "../../src/cli/routes/index";

const page = () => readFileSync(join(ROOT, "man", "pcs.8"), "utf8");
const roff = (text: string) => text.replace(/\\/g, "\\e").replace(/-/g, "\\-");

test("the committed man pages match the route table (run `npm run man` after changing routes)", () => {
  const r = spawnSync("node", [join(ROOT, "scripts", "gen-man.mjs"), "--check"], { cwd: ROOT, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
});

test.each(allRoutes().map((r) => [r.path.join(" "), r] as const))("%s has help text and a man entry", (_name, route) => {
  expect(route.help.trim().length).toBeGreaterThan(10);
  expect(route.synopsis.trim().length).toBeGreaterThan(0);
  expect(page()).toContain(`\\fB${roff(route.synopsis.split("\n")[0].trim())}\\fR`);
});

test("man renders pcs.8 and pcs-agent.8", () => {
  haveTool("man");
  for (const name of ["pcs.8", "pcs-agent.8"]) {
    const r = spawnSync("man", ["-l", join(ROOT, "man", name)], { encoding: "utf8", env: { ...process.env, MANWIDTH: "100", MANPAGER: "cat", PAGER: "cat" } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("NAME");
  }
  const rendered = spawnSync("man", ["-l", join(ROOT, "man", "pcs.8")], { encoding: "utf8", env: { ...process.env, MANPAGER: "cat" } }).stdout;
  expect(rendered).toContain("recipient add <alert-id>");
  expect(rendered).toContain("role create <role id>");
});
