// A real single-node Corosync + Pacemaker for tests: a corosync.conf of its own in a temporary
// directory, `corosync -f -c FILE` and `pacemakerd -f` started here, the DC awaited, and on stop only
// these processes (and pacemakerd's children) ended. /var/lib/pacemaker/cib is wiped before and after
// (the shadow.* files crm_simulate keeps there for others are left alone). Only one Pacemaker can run
// on a machine: start refuses when a corosync or pacemakerd it did not start is running.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";

export const SBIN = "/usr/sbin";
const CIB_DIR = "/var/lib/pacemaker/cib";
const DAEMONS = ["corosync", "pacemakerd"];

export interface RealPacemaker {
  dir: string;
  nodeName: string;
  clusterName: string;
  /** Environment for bin/pcs and real pcs against this cluster (a PCS_CONFIG_DIR of its own, the local backend on). */
  env: Record<string, string>;
  /** The daemons' output so far, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

/** What is missing to run a real Pacemaker here (empty when it can run). */
export function pacemakerMissing(): string[] {
  const missing = ["corosync", "pacemakerd", "crm_mon", "cibadmin", "crm_resource"].filter((b) => !existsSync(join(SBIN, b)));
  if (process.getuid?.() !== 0) missing.push("root privileges");
  return missing;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Processes whose command name is one of `names`: pid -> name. */
function processesNamed(names: string[]): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      if (names.includes(comm) && alive(Number(entry))) found.set(Number(entry), comm);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // the field after the parenthesized command name: state, then ppid
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!pids.some(alive)) return true;
    await sleep(100);
  }
  return !pids.some(alive);
}

function wipeCibDir(): void {
  if (!existsSync(CIB_DIR)) return;
  for (const entry of readdirSync(CIB_DIR)) {
    if (entry.startsWith("shadow.")) continue;
    rmSync(join(CIB_DIR, entry), { force: true, recursive: true });
  }
}

const tool = (name: string, args: string[], timeoutMs = 5000) => spawnSync(join(SBIN, name), args, { encoding: "utf8", timeout: timeoutMs });

function corosyncConf(clusterName: string, nodeName: string): string {
  return `totem {
    version: 2
    cluster_name: ${clusterName}
    transport: knet
    crypto_cipher: none
    crypto_hash: none
    token: 3000
}

nodelist {
    node {
        name: ${nodeName}
        nodeid: 1
        ring0_addr: 127.0.0.1
    }
}

quorum {
    provider: corosync_votequorum
}

logging {
    to_logfile: no
    to_stderr: yes
    to_syslog: no
    timestamp: on
}
`;
}

/** crm_mon's XML says a DC is elected and `node` is online. */
function dcReady(node: string): boolean {
  const r = tool("crm_mon", ["-1", "--output-as=xml"]);
  if (r.status !== 0) return false;
  return /<current_dc present="true"/.test(r.stdout) && new RegExp(`<node name="${node}"[^>]* online="true"`).test(r.stdout);
}

/** How long a start waits for a Pacemaker it did not start (another test's) to stop. */
const FOREIGN_WAIT_MS = 120000;

export async function startRealPacemaker(options: { clusterName?: string; dcTimeoutMs?: number } = {}): Promise<RealPacemaker> {
  const missing = pacemakerMissing();
  if (missing.length) throw new Error(`a real Pacemaker cannot run here: missing ${missing.join(", ")}`);
  // another test file of this suite may hold the one Pacemaker a machine can run: wait for it to end
  let foreign = processesNamed(DAEMONS);
  for (const deadline = Date.now() + FOREIGN_WAIT_MS; foreign.size && Date.now() < deadline; foreign = processesNamed(DAEMONS)) {
    await new Promise((r) => setTimeout(r, 500));
  }
  if (foreign.size) {
    throw new Error(`refusing to start a test cluster: ${[...foreign].map(([pid, n]) => `${n} (pid ${pid})`).join(", ")} already running, not started by this test`);
  }
  const dir = mkdtempSync(join(tmpdir(), "pcs-lite-pacemaker-"));
  const clusterName = options.clusterName ?? "pcslite-test";
  const nodeName = hostname().split(".")[0];
  const conf = join(dir, "corosync.conf");
  writeFileSync(conf, corosyncConf(clusterName, nodeName));
  const configDir = join(dir, "pcs-config");
  mkdirSync(configDir);
  wipeCibDir();

  const started: ChildProcess[] = [];
  const logFile = (name: string) => openSync(join(dir, `${name}.log`), "a");
  const launch = (name: string, args: string[]) => {
    const out = logFile(name);
    const child = spawn(join(SBIN, name), args, { stdio: ["ignore", out, out], detached: false });
    closeSync(out);
    started.push(child);
    return child;
  };
  const logs = () =>
    DAEMONS.map((n) => {
      const file = join(dir, `${n}.log`);
      return existsSync(file) ? `--- ${n} ---\n${readFileSync(file, "utf8").split("\n").slice(-40).join("\n")}` : "";
    }).join("\n");

  const stop = async () => {
    const [corosync, pacemakerd] = started;
    if (pacemakerd?.pid && alive(pacemakerd.pid)) {
      const kids = childrenOf(pacemakerd.pid);
      pacemakerd.kill("SIGTERM");
      if (!(await waitGone([pacemakerd.pid, ...kids], 60000))) {
        for (const pid of [pacemakerd.pid, ...childrenOf(pacemakerd.pid), ...kids]) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
        await waitGone([pacemakerd.pid, ...kids], 5000);
      }
    }
    if (corosync?.pid && alive(corosync.pid)) {
      corosync.kill("SIGTERM");
      if (!(await waitGone([corosync.pid], 20000))) {
        corosync.kill("SIGKILL");
        await waitGone([corosync.pid], 5000);
      }
    }
    wipeCibDir();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    launch("corosync", ["-f", "-c", conf]);
    const corosyncDeadline = Date.now() + 15000;
    while (tool("corosync-cmapctl", ["-g", "totem.cluster_name"]).status !== 0) {
      if (Date.now() > corosyncDeadline || !alive(started[0].pid!)) throw new Error(`corosync did not start\n${logs()}`);
      await sleep(200);
    }
    launch("pacemakerd", ["-f"]);
    const dcDeadline = Date.now() + (options.dcTimeoutMs ?? 90000);
    while (!dcReady(nodeName)) {
      if (Date.now() > dcDeadline || !alive(started[1].pid!)) throw new Error(`Pacemaker elected no DC in time\n${logs()}`);
      await sleep(500);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    dir,
    nodeName,
    clusterName,
    env: { PCS_CONFIG_DIR: configDir, PCS_LITE_NO_LOCAL_PACEMAKER: "", PCS_LITE_COROSYNC_CONF: conf },
    logs,
    stop,
  };
}
