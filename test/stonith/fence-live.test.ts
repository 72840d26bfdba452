// pcs stonith fence / confirm / history and pcs status's fencing sections on a live three-node cluster
// whose fence device is a small agent of the test's own: it logs what it reads on stdin and fails while
// a flag file exists. Outputs are pcs 0.11.5's around stonith_admin's and crm_mon's 2.1.5 lines.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pcsAsync, setPassword, startAgent, stopAgent, tempRoot, waitFor, type AgentProcess } from "../cluster/harness";

jest.setTimeout(240000);

const PASSWORD = "fence-cmd-pw";
const NODES = ["node1", "node2", "node3"];

/** Logs each request (one line: the action, then the stdin lines joined by spaces); fails while "fail" exists. */
const FENCE_AGENT = `#!/bin/sh
dir=$(dirname "$0")
if [ "$1" = "-o" ] && [ "$2" = "metadata" ]; then
  cat <<'EOF'
<?xml version="1.0" ?>
<resource-agent name="fence_testlog" shortdesc="Logs fencing requests">
<longdesc>Test fence agent: records what it is asked to do.</longdesc>
<parameters>
  <parameter name="action" unique="0" required="1"><getopt mixed="-o, --action=[action]" /><content type="string" default="reboot" /><shortdesc lang="en">Fencing action</shortdesc></parameter>
  <parameter name="plug" unique="0" required="0" obsoletes="port"><getopt mixed="-n, --plug=[id]" /><content type="string" /><shortdesc lang="en">Node</shortdesc></parameter>
  <parameter name="port" unique="0" required="0" deprecated="1"><getopt mixed="-n, --plug=[id]" /><content type="string" /><shortdesc lang="en">Node</shortdesc></parameter>
</parameters>
<actions><action name="on" automatic="0"/><action name="off" /><action name="reboot" /><action name="status" /><action name="list" /><action name="monitor" /><action name="metadata" /></actions>
</resource-agent>
EOF
  exit 0
fi
input=$(cat)
action=$(printf '%s\\n' "$input" | sed -n 's/^action=//p')
echo "$action $(printf '%s' "$input" | tr '\\n' ' ')" >> "$dir/fence.log"
case "$action" in
  monitor|status|list|on) exit 0;;
esac
if [ -f "$dir/fail" ]; then echo "failing on purpose" >&2; exit 1; fi
exit 0
`;

describe("pcs stonith fence / confirm / history against a live cluster", () => {
  const root = tempRoot();
  const config = join(root.dir, "config");
  const fenceDir = join(root.dir, "fence");
  const agents: AgentProcess[] = [];
  const pcs = (...args: string[]) => pcsAsync(config, args);
  /** The fencing requests the agent saw (monitors and status checks left out). */
  const requests = (): string[] =>
    existsSync(join(fenceDir, "fence.log"))
      ? readFileSync(join(fenceDir, "fence.log"), "utf8")
          .split("\n")
          .filter((l) => /^(reboot|off) /.test(l))
      : [];

  beforeAll(async () => {
    mkdirSync(fenceDir, { recursive: true });
    writeFileSync(join(fenceDir, "fence_testlog"), FENCE_AGENT);
    chmodSync(join(fenceDir, "fence_testlog"), 0o755);
    const env = { ...process.env, PCS_LITE_FENCE_DIR: fenceDir };
    for (const name of NODES) {
      setPassword(join(root.dir, name), PASSWORD);
      agents.push(await startAgent(name, join(root.dir, name), 0, env));
    }
    const auth = await pcs("host", "auth", ...agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]), "-u", "hacluster", "-p", PASSWORD);
    expect(auth.code).toBe(0);
    expect((await pcs("cluster", "setup", "fencecmds", ...NODES, "totem", "token=1000", "--start", "--wait=30")).code).toBe(0);
    process.env.PCS_LITE_FENCE_DIR = fenceDir; // pcs reads the agent's metadata too
    const device = await pcs("stonith", "create", "logger", "fence_testlog", "pcmk_host_list=node1 node2 node3");
    delete process.env.PCS_LITE_FENCE_DIR;
    expect(device).toMatchObject({ code: 0 });
    await waitFor(async () => /\* logger\t\(stonith:fence_testlog\):\t Started/.test((await pcs("stonith", "status")).stdout), 30000, "the device started");
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => stopAgent(a, "SIGKILL")));
    root.cleanup();
  });

  it("an unknown node is an error and nothing is fenced", async () => {
    const r = await pcs("stonith", "fence", "nosuch");
    expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: unable to fence 'nosuch'\nstonith_admin: Couldn't fence nosuch: No such device\n\n" });
    expect(requests()).toEqual([]);
    expect((await pcs("stonith", "history")).stdout).toBe("0 events found\n");
  });

  it("a failing device: pcs's error, exit 1, and the failure in the history and in pcs status", async () => {
    writeFileSync(join(fenceDir, "fail"), "");
    try {
      const r = await pcs("stonith", "fence", "node3");
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("Error: unable to fence 'node3'\nstonith_admin: Couldn't fence node3: No data available (failing on purpose)\n\n");
    } finally {
      rmSync(join(fenceDir, "fail"));
    }
    expect(requests().length).toBeGreaterThanOrEqual(1);
    const history = (await pcs("stonith", "history", "show", "node3")).stdout;
    expect(history).toMatch(
      /^reboot of node3 failed \(failing on purpose\): delegate=node\d, client=stonith_admin\.\d+, origin=node\d, completed='\d{4}-\d\d-\d\d \d\d:\d\d:\d\d( [+-]\d\d:\d\d|Z)'\n1 event found\n$/,
    );
    const status = (await pcs("status")).stdout;
    expect(status).toMatch(/\n\nFailed Fencing Actions:\n {2}\* reboot of node3 by node\d for stonith_admin\.\d+@node\d last failed \(failing on purpose\) at \d{4}-\d\d-\d\d /);
  });

  it("fences a node: the agent is asked to reboot it, and the history lists it", async () => {
    const before = requests().length;
    const r = await pcs("stonith", "fence", "node3");
    expect(r).toEqual({ code: 0, stdout: "", stderr: "Node: node3 fenced\n" });
    const asked = requests().slice(before);
    expect(asked.length).toBe(1);
    expect(asked[0]).toMatch(/^reboot .*\baction=reboot\b/);
    expect(asked[0]).toContain("nodename=node3");
    const history = await pcs("stonith", "history");
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/^reboot of node3 successful: delegate=node\d, client=stonith_admin\.\d+, origin=node\d, completed='[^']+'\n/);
    expect(history.stdout).toMatch(/\n2 events found\n$/);
    // the success is newer than the failure, which now says so
    expect(history.stdout).toMatch(/\nreboot of node3 failed \(failing on purpose\): .* \(a later attempt from node\d succeeded\)\n/);
    const full = (await pcs("status", "--full")).stdout;
    expect(full).toMatch(/\n\nFencing History:\n {2}\* reboot of node3 successful: delegate=node\d, client=stonith_admin\.\d+, origin=node\d, completed='[^']+'/);
  });

  it("confirm --force: pcs's warning, then the confirmation", async () => {
    const r = await pcs("stonith", "confirm", "node3", "--force");
    expect(r).toEqual({
      code: 0,
      stdout: "Node: node3 confirmed fenced\n",
      stderr: "Warning: If node 'node3' is not powered off or it does have access to shared resources, data corruption and/or cluster failure may occur\n",
    });
  });

  it("history update gathers it; cleanup empties it", async () => {
    const update = await pcs("stonith", "history", "update");
    expect(update.code).toBe(0);
    expect(update.stdout).toBe("");
    expect(update.stderr).toMatch(/^gather fencing-history from all nodes\nreboot of node3 successful: .*, last-successful='[^']+'\n1 event found\n$/);
    const cleanup = await pcs("stonith", "history", "cleanup");
    expect(cleanup).toEqual({ code: 0, stdout: "", stderr: "cleaning up fencing-history for node *\n" });
    expect((await pcs("stonith", "history")).stdout).toBe("0 events found\n");
    expect((await pcs("status")).stdout).not.toContain("Fencing Actions");
  });

  it("--off asks the agent to power the node off", async () => {
    const before = requests().length;
    const r = await pcs("stonith", "fence", "node2", "--off");
    expect(r).toEqual({ code: 0, stdout: "", stderr: "Node: node2 fenced\n" });
    const asked = requests().slice(before);
    expect(asked.length).toBe(1);
    expect(asked[0]).toMatch(/^off .*\bnodename=node2\b/);
    expect((await pcs("stonith", "history", "show", "node2")).stdout).toMatch(/^turning off of node2 successful: /);
  });
});
