// The expected summaries in cases.ts are what crm_simulate 2.1.5 prints for those CIBs: check them
// against the real crm_simulate, so that the goldens our scheduler is tested on stay true to Pacemaker.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTool, tempDir } from "../helpers/cli";
import { CASES, cibOf } from "./cases";

const available = haveTool("crm_simulate");

function crmSimulateSummary(xml: string): string[] {
  const { dir, cleanup } = tempDir("sched-oracle-");
  try {
    const file = join(dir, "cib.xml");
    writeFileSync(file, xml);
    const r = spawnSync("crm_simulate", ["-x", file, "-S"], { encoding: "utf8" });
    const lines = r.stdout.split("\n");
    const start = lines.findIndex((l) => l.trim() === "Transition Summary:");
    const block: string[] = [];
    for (const l of lines.slice(start + 1)) {
      const folded = l.trim().split(/\s+/).join(" ");
      if (!folded) break;
      block.push(folded);
    }
    return block;
  } finally {
    cleanup();
  }
}

describe("expected summaries agree with crm_simulate 2.1.5", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (!available) return; // outside CI without Pacemaker's tools there is no oracle to ask
    expect(crmSimulateSummary(cibOf(c)).sort()).toEqual([...c.expected].sort());
  });
});
