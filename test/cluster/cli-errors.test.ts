// Cluster and host commands without any agent: validation, unknown hosts, no cluster.
import { runPcs, tempDir } from "../helpers/cli";

describe("cluster and host commands without a cluster", () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const pcs = (...args: string[]) => runPcs(args, { env: { PCS_CONFIG_DIR: dir } });

  it("prints the usage of setup without arguments", () => {
    const r = pcs("cluster", "setup");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\nUsage: pcs cluster setup\.\.\.\n {4}setup <cluster name>/);
  });

  it("reports every problem of a setup at once", () => {
    const r = pcs("cluster", "setup", "c", "node1", "node1", "totem", "foo=1", "token=x", "quorum", "wait_for_all=2");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        "Error: Node name 'node1' defined multiple times",
        "Error: invalid totem option 'foo', allowed options are: 'block_unlisted_ips', 'consensus', 'downcheck', 'fail_recv_const', 'heartbeat_failures_allowed', 'hold', 'join', 'max_messages', 'max_network_delay', 'merge', 'miss_count_const', 'send_join', 'seqno_unchanged_const', 'token', 'token_coefficient', 'token_retransmit', 'token_retransmits_before_loss_const', 'window_size'",
        "Error: 'x' is not a valid token value, use a non-negative integer",
        "Error: '2' is not a valid wait_for_all value, use '0', '1'",
        "Error: Host 'node1' is not known to pcs, try to authenticate the host using 'pcs host auth node1' command",
        "Error: None of hosts is known to pcs.",
        "Error: Errors have occurred, therefore pcs is unable to continue",
        "",
      ].join("\n"),
    );
  });

  it("refuses live commands when no cluster is known", () => {
    for (const args of [["cluster", "status"], ["cluster", "start", "--all"], ["quorum", "status"]]) {
      const r = pcs(...args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: No cluster is known to pcs/);
    }
    const cib = pcs("cluster", "cib");
    expect(cib.code).toBe(1);
    expect(cib.stderr).toMatch(/^Error: No cluster is known to pcs/);
  });

  it("fails to reach an unreachable host and to forget an unknown one", () => {
    const auth = pcs("host", "auth", "node1", "addr=127.0.0.1:1", "-u", "hacluster", "-p", "x");
    expect(auth.code).toBe(1);
    expect(auth.stderr).toMatch(/^Error: Unable to connect to node1, check if pcs-agent is running there/);
    const deauth = pcs("host", "deauth", "nope");
    expect(deauth).toMatchObject({ code: 1, stderr: "Error: Following hosts were not found: 'nope'\n" });
    expect(pcs("host", "auth", "addr=x").code).toBe(1);
    expect(pcs("cluster", "setup", "--bogus").stderr).toMatch(/^Error: option --bogus not recognized/);
  });
});
