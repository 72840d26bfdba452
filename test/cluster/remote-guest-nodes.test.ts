// cluster node add-remote/add-guest/remove-remote/remove-guest on a CIB file: beyond the parity
// verdict (exit codes, CIB), every line's stdout and stderr equal the real pcs's recorded ones:
// pcs's reports of the skipped work on the node (authkey, pacemaker_remote) are its interface too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../helpers/cli";
import { restoreStdio } from "../helpers/in-process";
import { inProcess, replayScenario } from "../parity/replay";
import { readGolden } from "../parity/scenario";

const dirs = { scenarioDir: join(ROOT, "test", "parity", "scenarios"), goldenDir: join(ROOT, "test", "parity", "golden") };
const SCENARIOS = [
  "remote-node-add",
  "remote-node-add-upgrade",
  "remote-node-remove",
  "remote-node-remove-multiple",
  "guest-node-add",
  "guest-node-remove",
  "out-remote-guest-config",
  "resource-create-node-conflicts",
];

// pcs reads pcsd's known hosts, pcs-lite its own: the file named differs, the warning does not
const KNOWN_HOSTS = /^(Warning: Unable to read the known-hosts file: No such file or directory: )'.*'$/gm;
const sameHosts = (text: string): string => text.replace(KNOWN_HOSTS, "$1'KNOWN-HOSTS'");

let configDir: string;
const savedConfigDir = process.env.PCS_CONFIG_DIR;

beforeAll(() => {
  configDir = mkdtempSync(join(tmpdir(), "pcs-lite-remote-"));
  process.env.PCS_CONFIG_DIR = configDir;
});

afterAll(() => {
  restoreStdio();
  if (savedConfigDir === undefined) delete process.env.PCS_CONFIG_DIR;
  else process.env.PCS_CONFIG_DIR = savedConfigDir;
  rmSync(configDir, { recursive: true, force: true });
});

test.each(SCENARIOS)("%s: exit codes, CIB and every output as pcs 0.11.5", async (name) => {
  const replayed = await replayScenario(dirs, name, inProcess);
  expect(replayed.notes).toEqual([]);
  const golden = readGolden(dirs.goldenDir, name).steps;
  const got = replayed.results.map((r, i) => ({ cmd: golden[i]?.cmd, rc: r.rc, stdout: r.stdout, stderr: sameHosts(r.stderr) }));
  const want = golden.map((s) => ({ cmd: s.cmd, rc: s.rc, stdout: s.stdout, stderr: sameHosts(s.stderr) }));
  expect(got).toEqual(want);
});
