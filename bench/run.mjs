// npm run bench: every benchmark, each printing its ratios against the real tool measured in the same run.
import { existsSync } from "node:fs";

for (const file of ["./cli-bench.mjs", "./scheduler-bench.mjs", "./live-bench.mjs", "./failover-bench.mjs"]) {
  if (existsSync(new URL(file, import.meta.url))) await import(file);
}
