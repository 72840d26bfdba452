// npm run bench (CLI part): bin/pcs against the real pcs 0.11.5, side by side in the same run, on a
// small CIB and on a generated big one (5,000 primitives with operations, 5,000 location
// constraints, a status section on 16 nodes), the big one also on one line (the same document, no
// whitespace between tags: pcs-lite's fast path must not depend on the layout). Prints wall time
// and peak RSS of each and the ratios.
// Options (env): BENCH_RUNS (default 3), BENCH_REAL (default "pcs"), BENCH_BIG_ONLY=1, BENCH_JSON=file,
// BENCH_KEEP_CIB=file (keep a copy of the generated big CIB).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OURS = join(ROOT, "bin", "pcs");
const REAL = process.env.BENCH_REAL ?? "pcs";
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The CIB text: `primitives` Dummy resources with 3 operations each, one location constraint each, `nodes` nodes with status. */
export function generateCib({ primitives, nodes }) {
  const out = [];
  out.push('<cib admin_epoch="0" epoch="10" num_updates="0" validate-with="pacemaker-3.8" crm_feature_set="3.16.2">');
  out.push("  <configuration>");
  out.push('    <crm_config>\n      <cluster_property_set id="cib-bootstrap-options">');
  out.push('        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>');
  out.push("      </cluster_property_set>\n    </crm_config>");
  out.push("    <nodes>");
  for (let n = 1; n <= nodes; n++) out.push(`      <node id="${n}" uname="node${n}"/>`);
  out.push("    </nodes>");
  out.push("    <resources>");
  for (let i = 0; i < primitives; i++) {
    const id = `r${i}`;
    out.push(`      <primitive id="${id}" class="ocf" type="Dummy" provider="heartbeat">`);
    out.push(`        <instance_attributes id="${id}-instance_attributes">`);
    out.push(`          <nvpair id="${id}-instance_attributes-state" name="state" value="/run/${id}.state"/>`);
    out.push("        </instance_attributes>");
    out.push("        <operations>");
    out.push(`          <op name="monitor" interval="10s" timeout="20s" id="${id}-monitor-interval-10s"/>`);
    out.push(`          <op name="start" interval="0s" timeout="20s" id="${id}-start-interval-0s"/>`);
    out.push(`          <op name="stop" interval="0s" timeout="20s" id="${id}-stop-interval-0s"/>`);
    out.push("        </operations>");
    out.push("      </primitive>");
  }
  out.push("    </resources>");
  out.push("    <constraints>");
  for (let i = 0; i < primitives; i++) {
    const node = `node${(i % nodes) + 1}`;
    out.push(`      <rsc_location id="location-r${i}-${node}-100" rsc="r${i}" node="${node}" score="100"/>`);
  }
  out.push("    </constraints>");
  out.push("  </configuration>");
  out.push("  <status>");
  for (let n = 1; n <= nodes; n++) {
    out.push(`    <node_state id="${n}" uname="node${n}" in_ccm="true" crmd="online" crm-debug-origin="do_update_resource" join="member" expected="member">`);
    out.push(`      <lrm id="${n}">\n        <lrm_resources>`);
    for (let i = n - 1; i < primitives; i += nodes) {
      const id = `r${i}`;
      out.push(`          <lrm_resource id="${id}" type="Dummy" class="ocf" provider="heartbeat">`);
      out.push(
        `            <lrm_rsc_op id="${id}_last_0" operation_key="${id}_start_0" operation="start" crm-debug-origin="do_update_resource" crm_feature_set="3.16.2" transition-key="${i}:1:0:3f1c2b7e-0000-4000-8000-000000000000" transition-magic="0:0;${i}:1:0:3f1c2b7e-0000-4000-8000-000000000000" exit-reason="" on_node="node${n}" call-id="${i + 10}" rc-code="0" op-status="0" interval="0" last-rc-change="1700000000" exec-time="12" queue-time="0" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/>`,
      );
      out.push(
        `            <lrm_rsc_op id="${id}_monitor_10000" operation_key="${id}_monitor_10000" operation="monitor" crm-debug-origin="do_update_resource" crm_feature_set="3.16.2" transition-key="${i}:2:0:3f1c2b7e-0000-4000-8000-000000000000" transition-magic="0:0;${i}:2:0:3f1c2b7e-0000-4000-8000-000000000000" exit-reason="" on_node="node${n}" call-id="${i + 11}" rc-code="0" op-status="0" interval="10000" last-rc-change="1700000000" exec-time="10" queue-time="0" op-digest="4811cef7f7f94e3a35a70be7916cb2fd"/>`,
      );
      out.push("          </lrm_resource>");
    }
    out.push(`        </lrm_resources>\n      </lrm>\n    </node_state>`);
  }
  out.push("  </status>");
  out.push("</cib>");
  return out.join("\n") + "\n";
}

/** Run a command `RUNS` times on fresh copies of `cib`; wall ms (median) and peak RSS (max, KiB). */
function measure(command, args, cib, dir) {
  const times = [];
  let rss = 0;
  let ok = true;
  let stderr = "";
  for (let run = 0; run < RUNS; run++) {
    const file = join(dir, `run-${run}.xml`);
    if (cib) copyFileSync(cib, file);
    const full = cib ? ["-f", file, ...args] : args;
    const r = spawnSync("/usr/bin/time", ["-f", "%e %M", ...command.split(" "), ...full], { encoding: "utf8", maxBuffer: 1 << 26 });
    const last = r.stderr.trim().split("\n").pop() ?? "";
    const [secs, kib] = last.split(" ").map(Number);
    times.push(secs * 1000);
    rss = Math.max(rss, kib || 0);
    if (r.status !== 0) {
      ok = false;
      stderr = r.stderr.split("\n").slice(0, 2).join(" ");
    }
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], rss, ok, stderr };
}

const CASES = [
  { name: "--version", args: ["--version"], cib: null },
  { name: "small: resource create", args: ["resource", "create", "bench-new", "ocf:heartbeat:Dummy"], cib: "small" },
  { name: "small: property set", args: ["property", "set", "no-quorum-policy=freeze"], cib: "small" },
  { name: "small: resource defaults update", args: ["resource", "defaults", "update", "resource-stickiness=10"], cib: "small" },
  { name: "big: resource create", args: ["resource", "create", "bench-new", "ocf:heartbeat:Dummy"], cib: "big" },
  { name: "big: property set", args: ["property", "set", "no-quorum-policy=freeze"], cib: "big" },
  { name: "big: resource defaults update", args: ["resource", "defaults", "update", "resource-stickiness=10"], cib: "big" },
  { name: "big one-line: resource create", args: ["resource", "create", "bench-new", "ocf:heartbeat:Dummy"], cib: "bigOneLine" },
  { name: "big one-line: property set", args: ["property", "set", "no-quorum-policy=freeze"], cib: "bigOneLine" },
  { name: "big one-line: resource defaults update", args: ["resource", "defaults", "update", "resource-stickiness=10"], cib: "bigOneLine" },
];

const dir = mkdtempSync(join(tmpdir(), "pcs-bench-"));
try {
  const files = { small: join(dir, "small.xml"), big: join(dir, "big.xml"), bigOneLine: join(dir, "big-one-line.xml") };
  writeFileSync(files.small, generateCib({ primitives: 5, nodes: 2 }));
  const big = generateCib({ primitives: 5000, nodes: 16 });
  writeFileSync(files.big, big);
  writeFileSync(files.bigOneLine, big.replace(/>\s+</g, "><"));
  if (process.env.BENCH_KEEP_CIB) copyFileSync(files.big, process.env.BENCH_KEEP_CIB);
  const results = [];
  const header = `${"case".padEnd(40)}${"pcs-lite ms".padStart(12)}${"pcs ms".padStart(10)}${"ratio".padStart(8)}${"lite RSS MiB".padStart(14)}${"pcs RSS MiB".padStart(13)}`;
  console.log(`CLI benchmark: median of ${RUNS} runs each, side by side (pcs-lite = bin/pcs, pcs = ${REAL})`);
  console.log(header);
  for (const c of CASES) {
    if (process.env.BENCH_BIG_ONLY && !c.cib?.startsWith("big")) continue;
    const cib = c.cib ? files[c.cib] : null;
    const ours = measure(OURS, c.args, cib, dir);
    const real = measure(REAL, c.args, cib, dir);
    const ratio = real.ms / Math.max(ours.ms, 1);
    results.push({ case: c.name, ours, real, ratio });
    const flag = ours.ok ? "" : `   (pcs-lite failed: ${ours.stderr.slice(0, 60)})`;
    console.log(
      `${c.name.padEnd(40)}${ours.ms.toFixed(0).padStart(12)}${real.ms.toFixed(0).padStart(10)}${(ratio.toFixed(1) + "x").padStart(8)}${(ours.rss / 1024).toFixed(0).padStart(14)}${(real.rss / 1024).toFixed(0).padStart(13)}${flag}`,
    );
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
