// RECORD_SCHED=1 npx jest test/scheduler/record.test.ts prints crm_simulate's summaries for the cases.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CASES, cibOf } from "./cases";

const record = process.env.RECORD_SCHED === "1";

(record ? test : test.skip)("record crm_simulate summaries", () => {
  const dir = mkdtempSync(join(tmpdir(), "sched-rec-"));
  const out: string[] = [];
  for (const c of CASES) {
    const file = join(dir, "cib.xml");
    writeFileSync(file, cibOf(c));
    const r = spawnSync("crm_simulate", ["-x", file, "-S"], { encoding: "utf8" });
    const lines = r.stdout.split("\n");
    const i = lines.findIndex((l) => l.trim() === "Transition Summary:");
    const block: string[] = [];
    for (const l of lines.slice(i + 1)) {
      const norm = l.trim().split(/\s+/).join(" ");
      if (!norm) break;
      block.push(norm);
    }
    out.push(`${c.name}: ${JSON.stringify(block)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(out.join("\n"));
});
