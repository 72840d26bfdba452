// pcs cluster uidgid: corosync's uidgid.d files, listed, added and removed as pcs 0.11.5 does.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runPcs, tempDir } from "../helpers/cli";
import { parseUidGid } from "../../src/commands/cluster/uidgid";

describe("pcs cluster uidgid", () => {
  const { dir, cleanup } = tempDir();
  const uidgid = join(dir, "uidgid.d");
  mkdirSync(uidgid);
  afterAll(cleanup);
  const pcs = (...args: string[]) => runPcs(["cluster", "uidgid", ...args], { env: { PCS_LITE_COROSYNC_UIDGID_DIR: uidgid } });

  it("lists nothing, adds a file as pcs writes it, refuses a duplicate and lists it", () => {
    expect(pcs()).toEqual({ code: 0, stdout: "", stderr: "No uidgids configured\n" });
    expect(pcs("add", "uid=testuid", "gid=testgid")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readdirSync(uidgid)).toEqual(["pcs-uidgid-testuid-testgid"]);
    expect(readFileSync(join(uidgid, "pcs-uidgid-testuid-testgid"), "utf8")).toBe("uidgid {\n  uid: testuid\ngid: testgid\n}\n");
    expect(pcs("add", "uid=testuid", "gid=testgid")).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: uidgid file with uid=testuid and gid=testgid already exists\n",
    });
    expect(pcs()).toEqual({ code: 0, stdout: "UID/GID: uid=testuid gid=testgid\n", stderr: "" });
  });

  it("removes only exact matches: a missing gid is not any gid", () => {
    expect(pcs("delete", "uid=testuid")).toEqual({ code: 1, stdout: "", stderr: "Error: no uidgid files with uid=testuid and gid= found\n" });
    expect(pcs("remove", "uid=testuid", "gid=testgid2").stderr).toBe("Error: no uidgid files with uid=testuid and gid=testgid2 found\n");
    expect(readdirSync(uidgid)).toHaveLength(1);
    expect(pcs("remove", "uid=testuid", "gid=testgid")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readdirSync(uidgid)).toEqual([]);
  });

  it("adds a uid alone and reads files corosync users wrote, comments aside", () => {
    expect(pcs("add", "uid=alone").code).toBe(0);
    expect(readFileSync(join(uidgid, "pcs-uidgid-alone-"), "utf8")).toBe("uidgid {\n  uid: alone\ngid: \n}\n");
    writeFileSync(join(uidgid, "mine"), "# gid: commented\nuidgid {\n    gid: haclient # uid: no\n}\n");
    // in the order of the names
    expect(pcs().stdout).toBe("UID/GID: uid= gid=haclient\nUID/GID: uid=alone gid=\n");
    expect(pcs("delete", "gid=haclient").code).toBe(0);
    expect(pcs("delete", "uid=alone").code).toBe(0);
    expect(readdirSync(uidgid)).toEqual([]);
  });

  it("a name already taken by another file gets a counter", () => {
    writeFileSync(join(uidgid, "pcs-uidgid-u-g"), "not a uidgid file\n");
    expect(pcs("add", "uid=u", "gid=g").code).toBe(0);
    expect(readFileSync(join(uidgid, "pcs-uidgid-u-g-1"), "utf8")).toBe("uidgid {\n  uid: u\ngid: g\n}\n");
    expect(pcs("delete", "uid=u", "gid=g").code).toBe(0);
    expect(readdirSync(uidgid)).toEqual(["pcs-uidgid-u-g"]);
  });

  it("rejects bad words with pcs's errors and usage, changing nothing", () => {
    const before = readdirSync(uidgid);
    for (const args of [["add"], ["xx"], ["delete"]]) {
      const r = pcs(...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^\nUsage: pcs cluster uidgid\.\.\.\n {4}uidgid\n[\s\S]* {4}uidgid remove \[uid=<uid>\] \[gid=<gid>\]\n[\s\S]*corosync\.\n\n$/);
    }
    const replaced = "Error: This command has been replaced with 'pcs cluster uidgid delete', 'pcs cluster uidgid remove'.";
    expect(pcs("rm").stderr.startsWith(replaced)).toBe(true);
    expect(pcs("rm", "uid=a").code).toBe(1);
    expect(pcs("add", "uid").stderr).toBe("Error: uidgid options must be of the form uid=<uid> gid=<gid>\n");
    expect(pcs("add", "user=x").stderr).toBe("Error: user is not a valid key, you must use uid or gid\n");
    expect(pcs("add", "uid=", "gid=").stderr).toBe("Error: you must set either uid or gid\n");
    expect(runPcs(["-f", join(dir, "cib.xml"), "cluster", "uidgid"], { env: { PCS_LITE_COROSYNC_UIDGID_DIR: uidgid } }).stderr).toBe(
      "Error: Specified option '-f' is not supported in this command\n",
    );
    expect(readdirSync(uidgid)).toEqual(before);
  });

  it("parses as pcs: the values after 'uidgid {' only, the last one wins", () => {
    expect(parseUidGid("uid: early\nuidgid {\n uid: a\n uid: b\n}\n")).toEqual({ uid: "b" });
    expect(parseUidGid("nothing here\n")).toEqual({});
  });
});
