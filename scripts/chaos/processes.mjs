// Which pcs-agent processes ("incarnations") each node has had, and when each one died: the harness
// starts some itself, the fence agent restarts others (each agent writes its pid to agent.json).
// A watcher samples them every few milliseconds, so a death (kill, fence) is known to within that.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** "running", "stopped" (SIGSTOP) or "dead" (gone, or a zombie nobody reaped), from /proc. */
export function processState(pid) {
  const stat = procStat(pid);
  if (!stat) return "dead";
  if (stat.state === "Z" || stat.state === "X") return "dead";
  return stat.state === "T" || stat.state === "t" ? "stopped" : "running";
}

function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // fields after the command name: state is field 3, starttime field 22
    return { state: rest[0], startTime: rest[19] };
  } catch {
    return undefined;
  }
}

export function readAgentJson(stateDir) {
  try {
    return JSON.parse(readFileSync(join(stateDir, "agent.json"), "utf8"));
  } catch {
    return undefined;
  }
}

export function createIncarnations(nodes, stateDirOf, { pollMs = 20 } = {}) {
  /**
   * Every incarnation ever seen: { node, pid, startTime, seenAt, startedBy ("harness", "other": the fence agent),
   * lastAliveAt (the last sample that found it alive), diedAt? (the first that found it gone) }.
   */
  const all = [];
  const find = (pid) => all.find((i) => i.pid === pid && i.diedAt === undefined);

  const add = (node, pid, startedBy = "harness") => {
    const known = find(pid);
    if (known) return known;
    const stat = procStat(pid);
    const incarnation = { node, pid, startTime: stat?.startTime, seenAt: Date.now(), lastAliveAt: Date.now(), startedBy };
    if (!stat) incarnation.diedAt = Date.now();
    all.push(incarnation);
    return incarnation;
  };

  const poll = () => {
    const now = Date.now();
    for (const node of nodes) {
      const info = readAgentJson(stateDirOf(node));
      if (!info?.pid || processState(info.pid) === "dead") continue;
      const startTime = procStat(info.pid)?.startTime;
      // the same process seen before (alive, or killed by the harness a moment ago) is no new one
      if (!all.some((i) => i.pid === info.pid && i.startTime === startTime)) add(node, info.pid, "other");
    }
    for (const i of all) {
      if (i.diedAt !== undefined) continue;
      const stat = procStat(i.pid);
      // a pid taken over by another process means ours died
      if (!stat || stat.state === "Z" || stat.state === "X" || stat.startTime !== i.startTime) i.diedAt = now;
      else i.lastAliveAt = now;
    }
  };
  const timer = setInterval(poll, pollMs);
  timer.unref();

  return {
    add,
    poll,
    /** The harness killed it now: its life ends at this moment, whatever the watcher sees later. */
    killed(pid, at) {
      const i = find(pid);
      if (i) i.diedAt = i.lastAliveAt = at;
    },
    /** The node's living incarnation (the newest), if any. */
    current(node) {
      poll();
      return all.filter((i) => i.node === node && i.diedAt === undefined).at(-1);
    },
    /** When the incarnation with this pid on this node died (undefined: alive, or never seen). */
    lifeOf(node, pid) {
      return all.filter((i) => i.node === node && i.pid === pid).at(-1);
    },
    living: () => all.filter((i) => i.diedAt === undefined),
    all: () => all,
    stop: () => clearInterval(timer),
  };
}

/**
 * Processes still running whose environment names `marker` (this run's directory): whatever the
 * harness started, directly or not (agents a fence agent restarted, their resource agents, pcs's
 * connection multiplexers). The last sweep at exit ends them by pid.
 */
export function processesMentioning(marker) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8");
      if (environ.includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}
