import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exitReasonFrom, lsbRc, readableInterval, runAgent } from "../../src/agents/exec";
import { parseEnv0, processAlive, readText, request, tempDir, waitFor, writeAgent } from "./helpers";

describe("runAgent (OCF)", () => {
  const root = tempDir();
  const env = { OCF_ROOT: root };

  test("gives the agent Pacemaker's environment, values verbatim and never run by a shell", async () => {
    const out = join(root, "env.out");
    const marker = join(root, "pwned");
    writeAgent(root, "envdump", `env -0 > "$OCF_RESKEY_out"\nexit 0`);
    const evil = `$(touch ${marker}) \`touch ${marker}\` 'single' "double" ; touch ${marker}\nsecond line\\n`;
    const r = await runAgent(
      request("envdump", "start", {
        rscId: "web:1",
        params: { out, evil, OCF_CHECK_LEVEL: "10" },
        meta: { timeout: "20000", on_node: "node1", "clone-max": "3", interval: "0" },
        env,
      }),
    );
    expect(r).toMatchObject({ rc: 0, status: "done", exitReason: "" });
    const seen = parseEnv0(readText(out));
    expect(seen.OCF_RESKEY_evil).toBe(evil);
    expect(existsSync(marker)).toBe(false);
    expect(seen).toMatchObject({
      OCF_ROOT: root,
      OCF_RA_VERSION_MAJOR: "1",
      OCF_RA_VERSION_MINOR: "1",
      OCF_RESOURCE_INSTANCE: "web:1",
      OCF_RESOURCE_TYPE: "envdump",
      OCF_RESOURCE_PROVIDER: "test",
      OCF_EXIT_REASON_PREFIX: "ocf-exit-reason:",
      OCF_RESKEY_out: out,
      OCF_CHECK_LEVEL: "10",
      OCF_RESKEY_CRM_meta_timeout: "20000",
      OCF_RESKEY_CRM_meta_on_node: "node1",
      OCF_RESKEY_CRM_meta_clone_max: "3",
      OCF_RESKEY_CRM_meta_interval: "0",
    });
    expect(seen.OCF_RESKEY_OCF_CHECK_LEVEL).toBeUndefined();
  });

  test("the action is the only argument", async () => {
    const out = join(root, "args.out");
    writeAgent(root, "args", `printf '%s|' "$#" "$@" > "$OCF_RESKEY_out"`);
    await runAgent(request("args", "meta-data", { params: { out }, env }));
    expect(readText(out)).toBe("1|meta-data|");
  });

  test("maps exit codes as Pacemaker does and reads the last exit reason", async () => {
    writeAgent(root, "rc", `echo "some log" >&2\necho "ocf-exit-reason:first" >&2\necho "ocf-exit-reason:the real reason" >&2\necho "out"\nexit "$OCF_RESKEY_rc"`);
    const run = (rc: string) => runAgent(request("rc", "monitor", { params: { rc }, env }));
    for (const [given, expected] of [["0", 0], ["7", 7], ["8", 8], ["9", 9], ["42", 1], ["190", 190], ["191", 191], ["255", 1]] as const) {
      const r = await run(given);
      expect([given, r.rc, r.status]).toEqual([given, expected, "done"]);
    }
    const r = await run("1");
    expect(r.exitReason).toBe("the real reason");
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toContain("some log");
    expect(r.execTimeMs).toBeGreaterThan(0);
    expect(Math.abs(r.startedAt - Date.now())).toBeLessThan(10000);
  });

  test("exit reasons are cut at 128 characters", () => {
    expect(exitReasonFrom(`x\nocf-exit-reason:${"a".repeat(200)}\n`)).toBe("a".repeat(128));
    expect(exitReasonFrom("ocf-exit-reason:\n")).toBe("");
    expect(exitReasonFrom("nothing here")).toBe("");
  });

  test("a missing or unusable agent is not installed (rc 5), without throwing", async () => {
    const missing = await runAgent(request("nope", "start", { env }));
    expect(missing).toMatchObject({ rc: 5, status: "not-installed", exitReason: "nope: No such file or directory" });
    const path = writeAgent(root, "noexec", "exit 0");
    chmodSync(path, 0o644);
    const noexec = await runAgent(request("noexec", "start", { env }));
    expect(noexec).toMatchObject({ rc: 5, status: "not-installed", exitReason: `${path}: Permission denied` });
    const badInterpreter = join(root, "resource.d/test/badinterp");
    writeFileSync(badInterpreter, "#!/nonexistent/interpreter\n", { mode: 0o755 });
    expect(await runAgent(request("badinterp", "start", { env }))).toMatchObject({ rc: 5, status: "not-installed" });
    expect(await runAgent(request("../test/rc", "start", { env }))).toMatchObject({ rc: 5, status: "not-installed" });
    expect(await runAgent({ ...request("rc", "start", { env }), agent: { class: "ocf", type: "rc" } })).toMatchObject({ rc: 5, status: "not-installed" });
    expect(await runAgent({ ...request("rc", "start", { env }), agent: { class: "nagios", type: "rc" } })).toMatchObject({ rc: 5, status: "not-installed" });
    // a value the kernel cannot carry (NUL) is an error result, not an exception
    expect(await runAgent(request("rc", "start", { env, params: { rc: "0\0" } }))).toMatchObject({ rc: 1, status: "error" });
  });

  test("garbage output is kept only up to the limit; the rc still counts", async () => {
    writeAgent(root, "noisy", `head -c 300000 /dev/urandom\nhead -c 300000 /dev/urandom >&2\nexit 7`);
    const r = await runAgent(request("noisy", "monitor", { env }));
    expect(r.rc).toBe(7);
    expect(r.stdout.length).toBeLessThanOrEqual(64 * 1024);
    expect(r.stderr.length).toBeLessThanOrEqual(64 * 1024);
  });

  test("a start that overruns its timeout is killed with its whole process group", async () => {
    const pidfile = join(root, "sleeper.pid");
    writeAgent(root, "sleeper", `sleep 30 &\necho $! > "$OCF_RESKEY_pidfile"\nwait`);
    const t0 = Date.now();
    const r = await runAgent(request("sleeper", "start", { timeoutMs: 1000, params: { pidfile }, env }));
    expect(r).toMatchObject({ rc: 1, status: "timeout", exitReason: "Resource agent did not complete within 1000ms" });
    expect(Date.now() - t0).toBeLessThan(4000);
    const grandchild = Number(readText(pidfile));
    expect(grandchild).toBeGreaterThan(0);
    await waitFor(() => !processAlive(grandchild), 2000);
  });

  test("an agent that ignores TERM is killed after the grace period", async () => {
    const pidfile = join(root, "stubborn.pid");
    writeAgent(root, "stubborn", `trap '' TERM\nsleep 30 &\necho $! > "$OCF_RESKEY_pidfile"\nwhile :; do sleep 0.1; done`);
    const t0 = Date.now();
    const r = await runAgent(request("stubborn", "start", { timeoutMs: 500, params: { pidfile }, env }));
    const took = Date.now() - t0;
    expect(r.status).toBe("timeout");
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(5000);
    await waitFor(() => !processAlive(Number(readText(pidfile))), 2000);
  });

  test("an abort signal cancels the operation and kills its group", async () => {
    const pidfile = join(root, "cancel.pid");
    writeAgent(root, "cancelme", `sleep 30 &\necho $! > "$OCF_RESKEY_pidfile"\nwait`);
    const ac = new AbortController();
    const running = runAgent(request("cancelme", "monitor", { intervalMs: 10000, params: { pidfile }, env }), ac.signal);
    setTimeout(() => ac.abort(), 300);
    const r = await running;
    expect(r).toMatchObject({ rc: 0, status: "cancelled" });
    await waitFor(() => !processAlive(Number(readText(pidfile))), 2000);
  });

  test("an agent killed by a signal is an error", async () => {
    writeAgent(root, "suicide", `kill -SEGV $$`);
    expect(await runAgent(request("suicide", "start", { env }))).toMatchObject({ rc: 1, status: "error", exitReason: "Resource agent interrupted by Segmentation fault signal" });
  });

  test("a daemon an agent starts outlives it, and its open pipes do not hold the result", async () => {
    const pidfile = join(root, "daemon.pid");
    writeAgent(root, "daemonize", `sleep 5 &\necho $! > "$OCF_RESKEY_pidfile"\nexit 0`);
    const t0 = Date.now();
    const r = await runAgent(request("daemonize", "start", { params: { pidfile }, env }));
    expect(r).toMatchObject({ rc: 0, status: "done" });
    expect(Date.now() - t0).toBeLessThan(2000);
    const pid = Number(readText(pidfile));
    expect(processAlive(pid)).toBe(true);
    process.kill(pid, "SIGKILL");
  });

  test("meta-data is run like any action, with room for long metadata", async () => {
    writeAgent(root, "meta", `[ "$1" = meta-data ] && { head -c 200000 /dev/zero | tr '\\0' x; exit 0; }\nexit 3`);
    const r = await runAgent(request("meta", "meta-data", { env }));
    expect(r.rc).toBe(0);
    expect(r.stdout.length).toBe(200000);
  });
});

describe("runAgent (LSB, systemd, service)", () => {
  const initDir = tempDir();
  const env = { PCS_LITE_INIT_DIR: initDir, PCS_LITE_SYSTEMCTL: "" };
  const lsb = (type: string, action: string) => ({ rscId: "svc", agent: { class: "lsb", type }, action, timeoutMs: 5000, params: { p: "v" }, env });

  test("monitor runs the script's status, mapped with LSB's status codes", async () => {
    const out = join(initDir, "lsb.out");
    writeFileSync(join(initDir, "svc"), `#!/bin/sh\necho "$1 \${OCF_RESKEY_p:-none}" >> ${out}\nexit $(cat ${join(initDir, "rc")})\n`, { mode: 0o755 });
    const expectations: [string, string, number][] = [
      ["monitor", "0", 0],
      ["monitor", "1", 7],
      ["monitor", "3", 7],
      ["monitor", "4", 1],
      ["monitor", "150", 5],
      ["start", "7", 7],
      ["start", "8", 1],
    ];
    for (const [action, code, rc] of expectations) {
      writeFileSync(join(initDir, "rc"), code);
      expect([action, code, (await runAgent(lsb("svc", action))).rc]).toEqual([action, code, rc]);
    }
    expect(readText(out).split("\n")[0]).toBe("status none");
    expect(lsbRc("status", 2)).toBe(7);
  });

  test("service: resolves to an init script when there is one", async () => {
    writeFileSync(join(initDir, "other"), `#!/bin/sh\nexit 0\n`, { mode: 0o755 });
    expect(await runAgent({ ...lsb("other", "start"), agent: { class: "service", type: "other" } })).toMatchObject({ rc: 0, status: "done" });
    expect(await runAgent(lsb("absent", "start"))).toMatchObject({ rc: 5, status: "not-installed" });
  });

  test("systemd through a systemctl: units are .service, monitor reads ActiveState", async () => {
    const state = join(initDir, "unit-state");
    const calls = join(initDir, "systemctl.calls");
    const systemctl = join(initDir, "systemctl");
    writeFileSync(
      systemctl,
      `#!/bin/sh\necho "$*" >> ${calls}\ncase "$1" in\n show) echo "LoadState=$(cut -d' ' -f1 ${state})"; echo "ActiveState=$(cut -d' ' -f2 ${state})";;\n start) echo "loaded active" > ${state};;\n stop) echo "loaded inactive" > ${state};;\nesac\nexit 0\n`,
      { mode: 0o755 },
    );
    const unit = (action: string, type = "web") => runAgent({ rscId: "u", agent: { class: "systemd", type }, action, timeoutMs: 5000, params: {}, env: { PCS_LITE_SYSTEMCTL: systemctl } });
    writeFileSync(state, "loaded inactive");
    expect(await unit("monitor")).toMatchObject({ rc: 7, status: "done", exitReason: "inactive" });
    expect(await unit("start")).toMatchObject({ rc: 0, status: "done" });
    expect(await unit("monitor")).toMatchObject({ rc: 0 });
    expect(await unit("stop")).toMatchObject({ rc: 0 });
    expect(await unit("promote")).toMatchObject({ rc: 3 });
    writeFileSync(state, "not-found inactive");
    expect(await unit("monitor")).toMatchObject({ rc: 5, status: "not-installed", exitReason: "systemd unit web not found" });
    expect(await unit("stop")).toMatchObject({ rc: 0, status: "done" });
    expect(readText(calls)).toContain("start web.service");
  });

  test("systemd without systemd is a clear not-installed result", async () => {
    if (existsSync("/run/systemd/system")) return;
    const r = await runAgent({ rscId: "u", agent: { class: "systemd", type: "web" }, action: "start", timeoutMs: 5000, params: {} });
    expect(r).toMatchObject({ rc: 5, status: "not-installed" });
    expect(r.exitReason).toContain("systemd is not running on this host");
  });

  test("Pacemaker's readable intervals", () => {
    expect(readableInterval(0)).toBe("0s");
    expect(readableInterval(1000)).toBe("1000ms");
    expect(readableInterval(20000)).toBe("20s");
    expect(readableInterval(150000)).toBe("2m30s");
    expect(readableInterval(3333)).toBe("3.333s");
    expect(readableInterval(4294967295)).toBe("49d17h2m47.295s");
  });
});
