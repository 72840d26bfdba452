// `pcs config` against the real pcs 0.11.5: the CIBs are built by the real pcs, then both print them.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { haveTool, runPcs, tempDir } from "../helpers/cli";

const CASES: Record<string, string[][]> = {
  "empty CIB": [["alert", "config"]],
  "alerts, tags, properties, defaults": [
    ["resource", "create", "d1", "ocf:heartbeat:Dummy", "--no-default-ops"],
    ["resource", "create", "d2", "ocf:heartbeat:Dummy", "op", "monitor", "interval=20s", "timeout=40s"],
    ["alert", "create", "path=/a.sh", "id=A", "description=d", "options", "x=1"],
    ["alert", "recipient", "add", "A", "value=v"],
    ["tag", "create", "T", "d1", "d2"],
    ["property", "set", "maintenance-mode=false"],
    ["resource", "defaults", "update", "resource-stickiness=10"],
  ],
  "groups, clones, stonith, constraints": [
    ["resource", "create", "ip", "ocf:heartbeat:IPaddr2", "ip=192.0.2.10", "cidr_netmask=24", "meta", "target-role=Stopped", "--no-default-ops"],
    ["resource", "create", "g1", "ocf:heartbeat:Dummy", "--no-default-ops", "--group", "G"],
    ["resource", "create", "c", "ocf:heartbeat:Dummy", "--no-default-ops", "clone"],
    ["stonith", "create", "f", "fence_dummy", "pcmk_host_list=node1", "--no-default-ops"],
    ["constraint", "location", "ip", "prefers", "n1", "n2=50"],
    ["constraint", "location", "ip", "avoids", "n3"],
    ["constraint", "order", "stop", "ip", "then", "start", "G", "kind=Optional", "symmetrical=false"],
    ["constraint", "colocation", "add", "G", "with", "ip", "--", "-100"],
    ["constraint", "ticket", "add", "T1", "ip", "loss-policy=stop"],
    ["constraint", "location", "c-clone", "rule", "score=10", "#uname", "eq", "n1"],
  ],
  "sets, rules, promotable, operation details": [
    ["resource", "create", "A", "ocf:heartbeat:Dummy", "--no-default-ops", "op", "monitor", "interval=30s", "on-fail=restart", "role=Started"],
    ["resource", "create", "B", "ocf:heartbeat:Dummy", "--no-default-ops"],
    ["resource", "create", "S", "ocf:pacemaker:Stateful", "--no-default-ops", "promotable", "meta", "notify=true"],
    ["resource", "utilization", "B", "cpu=2"],
    ["constraint", "order", "set", "A", "B", "sequential=false", "set", "S-clone"],
    ["constraint", "colocation", "set", "A", "B", "setoptions", "score=10"],
    ["constraint", "location", "S-clone", "rule", "role=Promoted", "score=-INFINITY", "#uname", "eq", "n2", "and", "date", "gt", "2020-01-01"],
    ["resource", "op", "defaults", "update", "timeout=30s"],
  ],
};

beforeAll(() => {
  haveTool("pcs");
});

test.each(Object.entries(CASES))("config: %s", (_name, commands) => {
  const { dir, cleanup } = tempDir();
  try {
    const real = join(dir, "real.xml");
    for (const args of commands) {
      const r = spawnSync("pcs", ["-f", real, ...args], { encoding: "utf8" });
      expect({ args, code: r.status, stderr: r.status ? r.stderr : "" }).toEqual({ args, code: 0, stderr: "" });
    }
    const ours = join(dir, "ours.xml");
    if (existsSync(real)) copyFileSync(real, ours);
    const expected = spawnSync("pcs", ["-f", real, "config"], { encoding: "utf8" });
    const got = runPcs(["-f", ours, "config"]);
    expect(got.code).toBe(expected.status);
    expect(got.stdout).toBe(expected.stdout);
  } finally {
    cleanup();
  }
}, 240000);

test("config takes no arguments", () => {
  const { dir, cleanup } = tempDir();
  try {
    const r = runPcs(["-f", join(dir, "c.xml"), "config", "extra"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Usage:");
  } finally {
    cleanup();
  }
});
