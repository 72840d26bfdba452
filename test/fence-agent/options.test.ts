// fence_pcslite's option parsing (fencing.py's rules) and the environment of a restarted agent.
import { restartEnvironment, type AgentRecord } from "../../src/fence-agent/node";
import { parseCommandLine, parseStdin } from "../../src/fence-agent/options";

describe("stdin options", () => {
  test("key=value lines: comments, blanks, quotes, '-' for '_', port for plug, booleans", () => {
    const { options, warnings, error } = parseStdin('# fenced\n\naction=off\nport="node2"\nstate-root=/tmp/x\nrestart=no\ndelay=2\nnodename=node2\n');
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(options).toMatchObject({ action: "off", plug: "node2", stateRoot: "/tmp/x", restart: false, delaySeconds: 2 });
  });

  test("unknown keys and bad booleans are ignored with a warning; a bad time is an error", () => {
    const parsed = parseStdin("action=status\npcmk_host_list=node1\nrestart=maybe\n");
    expect(parsed.error).toBeUndefined();
    expect(parsed.options.restart).toBe(true);
    expect(parsed.warnings).toEqual(["Parse error: Ignoring unknown option 'pcmk_host_list=node1'", "Parse error: Ignoring option 'restart' because it does not have value"]);
    expect(parseStdin("delay=soon\n").error).toMatch(/not a valid time in seconds/);
  });

  test("defaults: reboot, restart, 20 s", () => {
    expect(parseStdin("").options).toMatchObject({ action: "reboot", restart: true, powerTimeoutSeconds: 20, delaySeconds: 0 });
  });
});

describe("command line options", () => {
  test("short, long, inline and separate values; clustered flags", () => {
    expect(parseCommandLine(["-o", "off", "-nnode1", "--state-root=/r", "--restart", "0", "-qv"]).options).toMatchObject({
      action: "off",
      plug: "node1",
      stateRoot: "/r",
      restart: false,
      quiet: true,
      verbose: true,
    });
    expect(parseCommandLine(["--port", "node3"]).options.plug).toBe("node3");
  });

  test("unknown options and missing values are errors; stray words a warning", () => {
    expect(parseCommandLine(["--bogus"]).error).toBe("Parse error: option --bogus not recognized");
    expect(parseCommandLine(["-o"]).error).toBe("Parse error: option -o requires argument");
    expect(parseCommandLine(["-o", "status", "extra"]).warnings).toEqual(["Unused arguments on command line: extra"]);
  });
});

describe("the restarted agent's environment", () => {
  const record: AgentRecord = { pid: 1, node: "/usr/bin/node", argv: [], listen: "127.0.0.1:1", started: 0, env: { PATH: "/agent/bin", PCS_LITE_FENCE_DIR: "/fence" } };

  test("agent.json's variables win; resource agents' variables never pass", () => {
    const env = restartEnvironment(record, {
      HOME: "/root",
      PATH: "/fencer/bin",
      PCS_LITE_FENCE_DIR: "/other",
      PCS_LITE_MUX: "off",
      HA_RSCTMP: "/x/node1/run/resource-agents",
      OCF_RESKEY_state: "/s",
      PCS_LITE_ATTRD_SOCKET: "/x/attrd.sock",
    });
    expect(env).toEqual({ HOME: "/root", PATH: "/agent/bin", PCS_LITE_FENCE_DIR: "/fence" });
  });

  test("without a recorded env the caller's is used, still without resource agents' variables", () => {
    const env = restartEnvironment({ ...record, env: undefined }, { PATH: "/p", OCF_ROOT: "/ocf", HA_VARRUN: "/x/run", CRM_meta_timeout: "20000" });
    expect(env).toEqual({ PATH: "/p", OCF_ROOT: "/ocf" });
  });
});
