// pcs -f CIB --corosync_conf FILE status [--full]: the cluster name, pcs's warnings and crm_mon's
// status with its header, as pcs 0.11.5 prints them (compared with the real pcs where it is installed).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cibSession, haveTool, runPcs } from "../helpers/cli";
import { COROSYNC_CONF, maskTime, statusCib } from "./offline-cib";

const UTC = { env: { TZ: "UTC" } };

function session(cib = statusCib()) {
  const s = cibSession();
  writeFileSync(s.file, cib);
  const corosync = join(s.dir, "corosync.conf");
  writeFileSync(corosync, COROSYNC_CONF);
  const pcs = (...args: string[]) => runPcs(["-f", s.file, "--corosync_conf", corosync, ...args], UTC);
  const real = (...args: string[]) => spawnSync("pcs", ["-f", s.file, "--corosync_conf", corosync, ...args], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
  return { ...s, corosync, pcs, real };
}

const HEAD = `Cluster name: mycluster

WARNINGS:
Following resources have been moved and their move constraints are still in place: 'A'
Run 'pcs constraint location' or 'pcs resource clear <resource id>' to view or remove the constraints, respectively

Cluster Summary:
  * Stack: corosync
  * Current DC: node1%ID% (version 2.1.5-a3f44794f94) - partition with quorum
  * Last updated: <now>
  * Last change:  
  * 4 nodes configured
  * 11 resource instances configured (1 DISABLED)
`;

const STATUS = `${HEAD.replace("%ID%", "")}
Node List:
  * Node node2: standby (with active resources)
  * Online: [ node1 ]
  * OFFLINE: [ node3 node4 ]

Full List of Resources:
  * A\t(ocf:pacemaker:Dummy):\t FAILED node1
  * Resource Group: G:
    * B\t(ocf:pacemaker:Dummy):\t Started node2
    * C\t(ocf:pacemaker:Dummy):\t Stopped (disabled)
  * Clone Set: D-clone [D]:
    * Started: [ node1 node2 ]
    * Stopped: [ node3 node4 ]
  * Clone Set: S-clone [S] (promotable):
    * Promoted: [ node1 ]
    * Unpromoted: [ node2 ]
    * Stopped: [ node3 node4 ]

Failed Resource Actions:
  * A 10s-interval monitor on node1 returned 'not running' at Tue Nov 14 22:13:20 2023 after 10ms
`;

const FULL = `${HEAD.replace("%ID%", " (1)")}
Node List:
  * Node node1 (1): online, feature set <3.15.1
  * Node node2 (2): standby (with active resources), feature set <3.15.1
  * Node node3 (3): OFFLINE
  * Node node4 (4): OFFLINE

Full List of Resources:
  * A\t(ocf:pacemaker:Dummy):\t FAILED node1
  * Resource Group: G:
    * B\t(ocf:pacemaker:Dummy):\t Started node2
    * C\t(ocf:pacemaker:Dummy):\t Stopped (disabled)
  * Clone Set: D-clone [D]:
    * D\t(ocf:pacemaker:Dummy):\t Started node1
    * D\t(ocf:pacemaker:Dummy):\t Started node2
    * D\t(ocf:pacemaker:Dummy):\t Stopped
    * D\t(ocf:pacemaker:Dummy):\t Stopped
  * Clone Set: S-clone [S] (promotable):
    * S\t(ocf:pacemaker:Stateful):\t Promoted node1
    * S\t(ocf:pacemaker:Stateful):\t Unpromoted node2
    * S\t(ocf:pacemaker:Stateful):\t Stopped
    * S\t(ocf:pacemaker:Stateful):\t Stopped

Node Attributes:
  * Node: node1 (1):
    * master-S                        \t: 10        
    * rack                            \t: r1        

Migration Summary:
%MIGRATION%
Failed Resource Actions:
  * A_monitor_10000 on node1 'not running' (7): call=3, status='complete', last-rc-change='Tue Nov 14 22:13:20 2023', queued=0ms, exec=10ms

Tickets:
  T1\tgranted           (granted=true, last-granted='Tue Nov 14 22:13:20 2023')
  T2\trevoked [standby] (granted=false, standby=true)
`;

describe("pcs -f status", () => {
  test("wants the corosync.conf with a CIB file, and a CIB file with a corosync.conf", () => {
    const s = session();
    try {
      for (const args of [["status"], ["status", "--full"]]) {
        const r = runPcs(["-f", s.file, ...args]);
        expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: When '-f' is specified, '--corosync_conf' must be specified as well\n" });
      }
      const r = runPcs(["--corosync_conf", s.corosync, "status"]);
      expect(r).toEqual({ code: 1, stdout: "", stderr: "Error: When '--corosync_conf' is specified, '-f' must be specified as well\n" });
      const missing = runPcs(["-f", s.file, "--corosync_conf", join(s.dir, "none.conf"), "status"]);
      expect(missing.stderr).toBe(`Error: Unable to read ${join(s.dir, "none.conf")}: No such file or directory\n`);
      writeFileSync(s.corosync, "totem {\n");
      expect(s.pcs("status").stderr).toBe("Error: Unable to parse corosync config: missing closing brace\nError: Errors have occurred, therefore pcs is unable to continue\n");
    } finally {
      s.cleanup();
    }
  });

  test("prints the cluster name, the warnings and crm_mon's summary, nodes, resources and failures", () => {
    const s = session();
    try {
      const r = s.pcs("status");
      expect(r.code).toBe(0);
      expect(maskTime(r.stdout)).toBe(STATUS);
      if (haveTool("pcs")) expect(maskTime(r.stdout)).toBe(maskTime(s.real("status").stdout));
    } finally {
      s.cleanup();
    }
  });

  test("--full adds node details and attributes, fail counts and tickets", () => {
    // the fail count names the operation only when the CIB says the DC is new enough (3.0.13)
    for (const [featureSet, migration] of [
      [undefined, ""],
      ["3.16.1", "  * Node: node1 (1):\n    * A: migration-threshold=1000000 fail-count=2 last-failure='Tue Nov 14 22:13:20 2023'\n"],
    ] as const) {
      const s = session(statusCib({ featureSet }));
      try {
        const r = s.pcs("status", "--full");
        expect(r.code).toBe(0);
        expect(maskTime(r.stdout)).toBe(FULL.replace("%MIGRATION%", migration));
        if (haveTool("pcs")) expect(maskTime(r.stdout)).toBe(maskTime(s.real("status", "--full").stdout));
      } finally {
        s.cleanup();
      }
    }
  });

  test("status cluster shows the summary and the node list", () => {
    const s = session();
    try {
      const r = runPcs(["-f", s.file, "status", "cluster"], UTC);
      const expected = ["Cluster Status:", ...STATUS.split("\n").slice(6, 19).filter(Boolean).map((l) => ` ${l}`)].join("\n") + "\n";
      expect(maskTime(r.stdout)).toBe(expected);
    } finally {
      s.cleanup();
    }
  });

  test("status nodes config lists corosync's and the CIB's nodes", () => {
    const s = session();
    try {
      expect(s.pcs("status", "nodes", "config").stdout).toBe("Corosync Nodes:\n node1 node2\nPacemaker Nodes:\n node1 node2 node3 node4\n");
      expect(runPcs(["-f", s.file, "status", "nodes", "both"]).stderr).toBe("Error: Specified option '-f' is not supported in this command\n");
    } finally {
      s.cleanup();
    }
  });
});
