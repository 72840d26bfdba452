// A reader that goes away before pcs is done (`pcs cluster cib | head -1`): pcs stops quietly, as
// the real pcs does when SIGPIPE ends it (a shell sees 141), with no stack trace.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PCS, ROOT, tempDir } from "../helpers/cli";

/** A CIB file of a few MB: more than a pipe holds. */
function bigCib(primitives: number): string {
  const out = ['<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.8">', "  <configuration>", "    <crm_config/>", "    <nodes/>", "    <resources>"];
  for (let i = 0; i < primitives; i++) out.push(`      <primitive id="r${i}" class="ocf" type="Dummy" provider="heartbeat"/>`);
  out.push("    </resources>", "    <constraints/>", "  </configuration>", "  <status/>", "</cib>", "");
  return out.join("\n");
}

test("pcs cluster cib into a pipe closed after the first line", async () => {
  if (!existsSync(join(ROOT, "dist", "pcs.js"))) throw new Error("bin/pcs needs the bundle: run `node scripts/build.mjs` (npm test does)");
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, "cib.xml");
    writeFileSync(file, bigCib(40000));
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; firstLine: string }>((resolve) => {
      const child = spawn(PCS, ["-f", file, "cluster", "cib"], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      let firstLine = "";
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
      child.stdout.once("data", (b: Buffer) => {
        firstLine = b.toString("utf8").split("\n")[0];
        child.stdout.destroy(); // what `head -1` does: read a line, close the pipe
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stderr, firstLine });
      });
    });
    expect(result.firstLine).toMatch(/^<cib /);
    expect(result).toMatchObject({ code: 141, signal: null, stderr: "" });
  } finally {
    cleanup();
  }
});
