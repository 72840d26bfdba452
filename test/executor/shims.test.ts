import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { memoryAttributes, remove, request, ROOT, startExecutor, tempDir, writeAgent, type TestExecutor } from "./helpers";

describe("shims: crm_attribute, crm_master, crm_node, attrd_updater through the node's socket", () => {
  const root = tempDir();
  const nodes = [
    { name: "node10", id: "10", member: false },
    { name: "node2", id: "2", member: true },
    { name: "node1", id: "1", member: true },
  ];
  const attrs = memoryAttributes("node1", nodes);
  let t: TestExecutor;
  beforeAll(() => {
    t = startExecutor({ ocfRoot: root, attributes: attrs.service });
  });
  afterAll(async () => {
    await t.executor.stop();
    remove(t.stateDir);
  });

  /** Run a shim as an agent would: from HA_SBIN_DIR, with the agent's environment. */
  const run = (file: string, args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // asynchronously: the socket's server lives in this process
      execFile(file, args, { env: { PATH: process.env.PATH, PCS_LITE_ATTRD_SOCKET: join(t.stateDir, "attrd.sock"), ...env }, encoding: "utf8", timeout: 20000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
  const tool = (name: string, args: string[], env: Record<string, string> = {}) => run(join(t.sbinDir, name), args, env);

  test("an agent's crm_attribute --promotion -v reaches the AttributeService as master-<rsc>", async () => {
    writeAgent(root, "promoter", `"$HA_SBIN_DIR/crm_attribute" --promotion -v 10 || exit 1\n"$HA_SBIN_DIR/crm_attribute" --promotion -G -q > "$OCF_RESKEY_out"\nexit 0`);
    const out = join(root, "promoter.out");
    const r = await t.executor.run(request("promoter", "start", { rscId: "st", params: { out }, meta: { on_node: "node2" } }));
    expect(r).toMatchObject({ rc: 0, status: "done" });
    expect(attrs.updates).toContainEqual({ node: "node2", name: "master-st", value: "10", lifetime: "reboot" });
    expect(readFileSync(out, "utf8")).toBe("10\n");
  });

  test("crm_attribute queries, updates and deletes as Pacemaker's does", async () => {
    expect((await tool("crm_attribute", ["-N", "node2", "-n", "color", "-v", "blue"]))).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(attrs.get("node2", "color", "forever")).toBe("blue");
    expect((await tool("crm_attribute", ["--node", "node2", "--name", "color", "--query"])).stdout).toBe("scope=nodes  name=color value=blue\n");
    expect((await tool("crm_attribute", ["-N", "node2", "-n", "color", "-G", "-q"])).stdout).toBe("blue\n");
    expect((await tool("crm_attribute", ["-t", "status", "-N", "node1", "-n", "tmp", "-v", "1"])).code).toBe(0);
    expect((await tool("crm_attribute", ["-l", "reboot", "-N", "node1", "-n", "tmp", "-G"])).stdout).toBe("scope=status  name=tmp value=1\n");

    const missing = (await tool("crm_attribute", ["-N", "node1", "-n", "nothing", "-G"]));
    expect(missing).toEqual({ code: 105, stdout: "", stderr: "crm_attribute: Error performing operation: No such device or address\n" });
    expect((await tool("crm_attribute", ["-N", "node1", "-n", "nothing", "-G", "-d", "dflt", "-q"])).stdout).toBe("dflt\n");

    const deleted = (await tool("crm_attribute", ["-N", "node2", "-n", "color", "-D"]));
    expect(deleted).toEqual({ code: 0, stdout: "Deleted nodes attribute: id=nodes-2-color name=color\n", stderr: "" });
    expect(attrs.get("node2", "color", "forever")).toBeUndefined();
    expect((await tool("crm_attribute", ["-N", "node2", "-n", "color", "-D"]))).toEqual({ code: 0, stdout: "", stderr: "" });

    expect((await tool("crm_attribute", ["-N", "ghost", "-n", "x", "-G"]))).toMatchObject({ code: 105, stderr: "crm_attribute: Could not map name=ghost to a UUID\n" });
    expect((await tool("crm_attribute", ["--promotion", "-v", "1"]))).toMatchObject({ code: 64, stderr: expect.stringContaining("-p/--promotion must be called from an OCF resource agent") });
    expect((await tool("crm_attribute", ["-N", "node1", "-D"])).code).toBe(64);
    expect((await tool("crm_attribute", ["--bogus"])).code).toBe(64);
    expect((await tool("crm_attribute", ["-n", "stonith-enabled", "-G"])).code).toBe(3);
  });

  test("without -N the node is the one the cluster runs the agent for, else the local node", async () => {
    expect((await tool("crm_attribute", ["-p", "-v", "5"], { OCF_RESOURCE_INSTANCE: "db", OCF_RESKEY_CRM_meta_on_node: "node2" })).code).toBe(0);
    expect(attrs.get("node2", "master-db")).toBe("5");
    expect((await tool("crm_attribute", ["--promotion=web", "-v", "3"])).code).toBe(0);
    expect(attrs.get("node1", "master-web")).toBe("3");
    expect((await tool("crm_attribute", ["-p", "-D"], { OCF_RESOURCE_INSTANCE: "web" })).code).toBe(0);
    expect(attrs.get("node1", "master-web")).toBeUndefined();
  });

  test("crm_master sets master-<OCF_RESOURCE_INSTANCE>, permanently unless told -l reboot", async () => {
    expect((await tool("crm_master", ["-v", "100"], { OCF_RESOURCE_INSTANCE: "ms" })).code).toBe(0);
    expect(attrs.get("node1", "master-ms", "forever")).toBe("100");
    expect((await tool("crm_master", ["-l", "reboot", "-v", "7"], { OCF_RESOURCE_INSTANCE: "ms" })).code).toBe(0);
    expect(attrs.get("node1", "master-ms")).toBe("7");
    expect((await tool("crm_master", ["-l", "reboot", "-G", "-q"], { OCF_RESOURCE_INSTANCE: "ms" })).stdout).toBe("7\n");
    expect((await tool("crm_master", ["-r", "other", "-l", "reboot", "-v", "4"])).code).toBe(0);
    expect(attrs.get("node1", "master-other")).toBe("4");
    expect((await tool("crm_master", ["-v", "1"]))).toMatchObject({ code: 1, stderr: "error: No resource specified\n" });
  });

  test("crm_node -n / -i / -l / -p / -q / -N", async () => {
    expect((await tool("crm_node", ["-n"]))).toEqual({ code: 0, stdout: "node1\n", stderr: "" });
    expect((await tool("crm_node", ["-n"], { OCF_RESKEY_CRM_meta_on_node: "node2" })).stdout).toBe("node2\n");
    expect((await tool("crm_node", ["-i"])).stdout).toBe("1\n");
    expect((await tool("crm_node", ["-l"])).stdout).toBe("1 node1 member\n2 node2 member\n10 node10 lost\n");
    expect((await tool("crm_node", ["--partition"])).stdout).toBe("node1 node2 \n");
    expect((await tool("crm_node", ["-q"]))).toEqual({ code: 0, stdout: "1\n", stderr: "" });
    expect((await tool("crm_node", ["-N", "2"])).stdout).toBe("node2\n");
    expect((await tool("crm_node", ["-N", "99"]))).toEqual({ code: 68, stdout: "", stderr: "Node is not known to cluster\n" });
    expect((await tool("crm_node", [])).code).toBe(64);
  });

  test("attrd_updater updates, queries and deletes transient attributes", async () => {
    expect((await tool("attrd_updater", ["-n", "pingd", "-U", "1000", "-d", "5s"])).code).toBe(0);
    expect(attrs.get("node1", "pingd")).toBe("1000");
    expect((await tool("attrd_updater", ["-n", "pingd", "-B", "2000", "-d", "5s", "-N", "node2"])).code).toBe(0);
    expect((await tool("attrd_updater", ["-n", "pingd", "-Q", "-N", "node1"])).stdout).toBe('name="pingd" host="node1" value="1000"\n');
    expect((await tool("attrd_updater", ["-n", "pingd", "-Q", "-A"])).stdout).toBe('name="pingd" host="node2" value="2000"\nname="pingd" host="node1" value="1000"\n');
    expect((await tool("attrd_updater", ["-n", "pingd", "-D"])).code).toBe(0);
    expect((await tool("attrd_updater", ["-n", "pingd", "-Q"], { OCF_RESKEY_CRM_meta_on_node: "node1" }))).toEqual({
      code: 78,
      stdout: "",
      stderr: "attrd_updater: Could not query value of pingd: attribute does not exist\n",
    });
    expect((await tool("attrd_updater", ["-U", "1"]))).toMatchObject({ code: 64, stderr: "attrd_updater: Command requires --name argument\n" });
  });

  test("pacemakerd only tells its version, so ocf_local_nodename asks crm_node", async () => {
    expect((await tool("pacemakerd", ["-$"])).stdout).toMatch(/^Pacemaker 2\.1\.5\n/);
    const out = join(root, "nodename.out");
    const shellfuncs = "/usr/lib/ocf/lib/heartbeat/ocf-shellfuncs";
    if (!existsSync(shellfuncs) && !process.env.CI) return;
    writeAgent(root, "nodename", `OCF_FUNCTIONS_DIR=/usr/lib/ocf/lib/heartbeat\n. ${shellfuncs}\nocf_local_nodename > "$OCF_RESKEY_out"`);
    const r = await t.executor.run(request("nodename", "start", { params: { out }, env: { OCF_ROOT: root } }));
    expect(r.rc).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("node1\n");
  });

  test("without the node's socket a shim fails cleanly", async () => {
    const r = await tool("crm_node", ["-n"], { PCS_LITE_ATTRD_SOCKET: join(tempDir(), "none.sock") });
    expect(r).toEqual({ code: 102, stdout: "", stderr: "error: Could not connect to controller: Transport endpoint is not connected\n" });
  });

  test("the built pcs-agent serves `pcs-agent shim`", async () => {
    const built = join(ROOT, "dist/pcs-agent.js");
    if (!existsSync(built)) {
      if (process.env.CI) throw new Error("dist/pcs-agent.js is missing: `npm test` builds it first");
      return;
    }
    const r = await run(process.execPath, [join(ROOT, "bin/pcs-agent"), "shim", "crm_node", "-l"], {});
    if (!process.env.CI && r.stderr.includes("unknown command 'shim'")) return; // a dist built before the shims
    expect(r.stdout).toBe("1 node1 member\n2 node2 member\n10 node10 lost\n");
  });
});
