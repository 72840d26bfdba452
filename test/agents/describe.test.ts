// Agent descriptions and listings read the host, so pcs runs them without -f: compare with it directly.
import { spawnSync } from "node:child_process";
import { haveTool, runPcs } from "../helpers/cli";

const COMMANDS = [
  ["resource", "standards"],
  ["resource", "providers"],
  ["resource", "agents", "ocf:pacemaker"],
  ["resource", "describe", "ocf:heartbeat:Dummy"],
  ["resource", "describe", "ocf:pacemaker:Stateful", "--full"],
  ["resource", "list", "ocf:pacemaker:d"],
  ["stonith", "describe", "fence_dummy"],
];

const realPcs = (args: string[]) => {
  const r = spawnSync("pcs", args, { encoding: "utf8" });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
};

describe("agent listing and description", () => {
  const available = haveTool("pcs") && haveTool("crm_resource");
  for (const args of COMMANDS) {
    (available ? it : it.skip)(`pcs ${args.join(" ")} prints what pcs prints`, () => {
      const ours = runPcs(args);
      const theirs = realPcs(args);
      expect(ours.code).toBe(theirs.code);
      expect(ours.stdout).toBe(theirs.stdout);
    }, 30000);
  }

  it("refuses -f like pcs", () => {
    const r = runPcs(["-f", "/tmp/pcs-lite-unused.xml", "resource", "standards"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("Error: Specified option '-f' is not supported in this command\n");
  });
});
