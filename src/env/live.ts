// Live mode: the CIB of a running pcs-lite cluster, reached over SSH. A command's edit runs on
// the CIB loaded from a node; the change goes back as a format-2 patch with its source version;
// on a version conflict the CIB is reloaded and the edit re-run, a bounded number of times.
import { hostname } from "node:os";
import { bumpEpoch } from "../cib/document.js";
import { createPatch } from "../cib/diff.js";
import { patchIsApplied } from "../cib/patch.js";
import { cloneElement, serializeXml, type XmlElement } from "../cib/xml.js";
import { parseXml } from "../cib/xml-parse.js";
import { error, fail, ReportedError, type ReportItem, type Reports } from "../report/index.js";
import { TransportError, type Link } from "../transport/client.js";
import { readKnownHosts, readLocalCluster } from "../transport/config-dir.js";
import { NodeError, openNode, timeoutFrom } from "../transport/nodes.js";
import { RpcError } from "../transport/protocol.js";
import { connectAnyMs } from "./live-bounds.js";
import { inPreferredOrder, recordAnswers } from "./live-memory.js";
import { isUnreachable } from "./live-nodes.js";
import { processRunner } from "../host/runner.js";
import type { ControllerState, Env, EnvOptions } from "./types.js";

const MAX_ATTEMPTS = 40;
/** After this long without an answer from a node, the next one is tried in parallel. */
const STAGGER_MS = 1000;
/** Errors after which another node may do better. */
const RETRY_ELSEWHERE = new Set(["NOT_RUNNING", "NO_CIB", "NOT_IN_CLUSTER"]);
/** Errors of a cluster in transition (DC lost, election): wait a little and try again. */
const TRANSIENT = new Set(["NO_QUORUM", "NOT_DC", "DC_UNREACHABLE", "DC_SYNCING"]);

export function clusterNodes(): string[] {
  const cluster = readLocalCluster();
  if (cluster?.nodes.length) return cluster.nodes;
  return Object.keys(readKnownHosts());
}

/**
 * Connect to the first node that answers, trying the next one in parallel after STAGGER_MS (at
 * once after a refusal); a changed host key anywhere stops everything. Nodes that lately did not
 * answer are tried last (live-memory.ts), and so is, next time, a node overtaken by a later one.
 */
export function connectAny(nodes: string[], timeoutMs: number, skip: ReadonlySet<string> = new Set()): Promise<{ node: string; link: Link }> {
  const candidates = inPreferredOrder(nodes.filter((n) => !skip.has(n)));
  const abandon = new AbortController();
  return new Promise((resolve, reject) => {
    const failures: ReportItem[] = [];
    const silent: string[] = [];
    /** node -> when it was asked */
    const pending = new Map<string, number>();
    let done = false;
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void, answered: string[] = []) => {
      done = true;
      clearTimeout(timer);
      abandon.abort();
      // overtaken: asked at least STAGGER_MS before another node answered
      const overtaken = [...pending].filter(([, at]) => performance.now() - at >= STAGGER_MS).map(([n]) => n);
      recordAnswers(answered, [...silent, ...overtaken]);
      outcome();
    };
    const next = () => {
      if (done || started >= candidates.length) return;
      const node = candidates[started++];
      pending.set(node, performance.now());
      clearTimeout(timer);
      timer = setTimeout(next, STAGGER_MS);
      openNode(node, timeoutMs, abandon.signal).then(
        (link) => {
          pending.delete(node);
          if (done) return link.close();
          finish(() => resolve({ node, link }), [node]);
        },
        (e: unknown) => {
          pending.delete(node);
          if (done) return;
          const report = e instanceof NodeError ? e.report : error("HOST_UNREACHABLE", { node, reason: String(e) });
          if (e instanceof NodeError && isUnreachable(e)) silent.push(node);
          if (report.code === "HOST_KEY_CHANGED") return finish(() => reject(new ReportedError([report], false)));
          failures.push(report);
          if (started === candidates.length && !pending.size) {
            finish(() => reject(new ReportedError([...failures, error("NO_CLUSTER_NODE_REACHABLE", { reasons: [] })], false)));
          } else next();
        },
      );
    };
    if (!candidates.length) {
      reject(new ReportedError([error("NO_CLUSTER_CONFIGURED", {})], false));
      return;
    }
    next();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often --wait asks the DC's controller whether it is idle. */
const IDLE_POLL_MS = 200;
/** Errors of a DC that is changing hands: keep polling until the deadline. */
const POLL_THROUGH = new Set([...TRANSIENT, ...RETRY_ELSEWHERE]);

function describeState(state: ControllerState): string {
  if (!state.dc) return "waiting for the cluster to elect a DC";
  if (state.idle) return `transition ${state.transitionId} complete`;
  const actions = state.inFlight === 1 ? "1 action" : `${state.inFlight} actions`;
  return `transition ${state.transitionId} on ${state.dc}: ${actions} in flight`;
}

const configurationOf = (cib: XmlElement): string => {
  const config = cib.children.find((c) => c.name === "configuration");
  return config ? serializeXml(config) : "";
};

/** As the CIB manager counts: a configuration change bumps epoch, a status-only change (cleanup) num_updates. */
function bumpVersion(original: XmlElement, cib: XmlElement): void {
  if (configurationOf(original) !== configurationOf(cib)) bumpEpoch(cib);
  else cib.attrs.num_updates = String(Number(cib.attrs.num_updates ?? 0) + 1);
}

class LiveEnv implements Env {
  readonly kind = "live" as const;
  readonly runner = processRunner;

  private deadline = 0;
  /** Connecting starts when the env is created, overlapping the command's own start-up work. */
  private early?: Promise<{ node: string; link: Link }>;

  private readonly born = performance.now();

  constructor(
    private readonly nodes: string[],
    private readonly timeoutMs: number,
    /** for one node to connect, while the others are tried too (live-bounds.ts) */
    private readonly connectMs: number,
    private readonly debug = false,
  ) {
    this.early = connectAny(nodes, Math.min(timeoutMs, connectMs));
    this.early.then((c) => this.trace(`connected to ${c.node}${c.link.multiplexed ? " (multiplexed)" : ""}`), () => undefined);
  }

  /** --debug: what went over the wire and when, relative to the env's creation. */
  private trace(text: string): void {
    if (this.debug) process.stderr.write(`[live +${(performance.now() - this.born).toFixed(1)} ms] ${text}\n`);
  }

  /** What is left of --request-timeout for this command (every call shares one budget). */
  private get remaining(): number {
    return Math.max(1, this.deadline - Date.now());
  }

  private async withNode<T>(body: (link: Link, node: string) => Promise<T>): Promise<T> {
    const avoid = new Set<string>();
    this.deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const early = this.early;
      this.early = undefined;
      const { node, link } = await (early ?? connectAny(this.nodes, Math.min(this.remaining, this.connectMs), avoid));
      try {
        return await body(link, node);
      } catch (e) {
        if (e instanceof RpcError && RETRY_ELSEWHERE.has(e.code) && avoid.size + 1 < this.nodes.length) {
          avoid.add(node);
          continue;
        }
        if (e instanceof TransportError && e.kind !== "timeout" && avoid.size + 1 < this.nodes.length && this.remaining > 300) {
          avoid.add(node);
          continue;
        }
        if (e instanceof RpcError && TRANSIENT.has(e.code) && this.remaining > 300) {
          await sleep(250);
          continue;
        }
        if (e instanceof RpcError) fail("HOST_REMOTE_ERROR", { node, message: e.message });
        if (e instanceof TransportError) fail("HOST_UNREACHABLE", { node, reason: e.message });
        throw e;
      } finally {
        link.close();
      }
    }
  }

  private async load(link: Link): Promise<XmlElement> {
    this.trace("cib.get");
    const { xml } = await link.call<{ xml: string }>("cib.get", {}, this.remaining);
    this.trace(`cib.get answered (${xml.length} bytes)`);
    return parseXml(xml);
  }

  readCib(): Promise<XmlElement> {
    return this.withNode((link) => this.load(link));
  }

  editCib<T>(edit: (cib: XmlElement, reports: Reports) => T | Promise<T>, reports: Reports): Promise<T> {
    const mark = reports.items.length;
    // a change whose answer got lost (the DC changed hands, a link broke) may have landed: it is not
    // made a second time (and then refused: "already exists"). It stays suspect however many attempts
    // follow: a node that could not reach the DC answers with its own copy, which may not show it yet.
    const unanswered: { patch: XmlElement; result: T; reports: Reports["items"] }[] = [];
    return this.withNode(async (link) => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        reports.items.length = mark;
        const original = await this.load(link);
        const landed = unanswered.find((u) => patchIsApplied(original, u.patch));
        if (landed) {
          reports.items.push(...landed.reports);
          return landed.result;
        }
        const cib = cloneElement(original);
        const result = await edit(cib, reports);
        reports.throwIfErrors();
        if (serializeXml(cib) === serializeXml(original)) return result;
        bumpVersion(original, cib);
        const patchXml = createPatch(original, cib);
        const patch = serializeXml(patchXml);
        try {
          this.trace(`cib.patch (attempt ${attempt}):\n${patch}`);
          await link.call("cib.patch", { patch }, this.remaining);
          this.trace("cib.patch applied");
          return result;
        } catch (e) {
          // a conflict is a refusal: that patch did not land
          if (!(e instanceof RpcError && e.code === "CIB_CONFLICT")) {
            unanswered.push({ patch: patchXml, result, reports: reports.items.slice(mark) });
            throw e;
          }
        }
        await sleep(Math.random() * Math.min(100, 5 * attempt));
      }
      fail("CIB_PUSH_CONFLICTS", { attempts: MAX_ATTEMPTS });
    });
  }

  /**
   * Polls the DC's controller (through any node) until it says idle twice in a row for the same
   * transition: one idle answer may predate the transition our own CIB change starts.
   */
  async waitForIdle(timeoutMs: number, onProgress?: (state: string) => void): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let lastIdle: number | undefined;
    let connection: { node: string; link: Link } | undefined;
    const avoid = new Set<string>();
    try {
      while (Date.now() < deadline) {
        const started = Date.now();
        try {
          connection ??= await (this.early ?? connectAny(this.nodes, Math.max(1, Math.min(this.connectMs, deadline - Date.now())), avoid));
          this.early = undefined;
          const state = await connection.link.call<ControllerState>("controller.state", {}, Math.max(1, Math.min(this.timeoutMs, deadline - Date.now())));
          this.trace(`controller.state ${JSON.stringify(state)}`);
          onProgress?.(describeState(state));
          if (state.idle && state.dc) {
            if (lastIdle === state.transitionId) return true;
            lastIdle = state.transitionId;
          } else lastIdle = undefined;
        } catch (e) {
          if (e instanceof RpcError && e.code === "UNKNOWN_METHOD") fail("HOST_REMOTE_ERROR", { node: connection?.node ?? "", message: e.message });
          if (e instanceof RpcError && POLL_THROUGH.has(e.code)) lastIdle = undefined;
          else if (e instanceof TransportError || e instanceof ReportedError) {
            if (connection) avoid.add(connection.node);
            if (avoid.size >= this.nodes.length) avoid.clear();
            connection?.link.close();
            connection = undefined;
          } else throw e;
        }
        await sleep(Math.max(0, Math.min(IDLE_POLL_MS - (Date.now() - started), deadline - Date.now())));
      }
      return false;
    } finally {
      connection?.link.close();
    }
  }

  call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    return this.withNode(async (link) => {
      this.trace(method);
      const answer = await link.call<T>(method, params, this.remaining);
      this.trace(`${method} answered`);
      return answer;
    });
  }

  localNodeName(): string | undefined {
    const full = hostname();
    return this.nodes.find((n) => n === full || n === full.split(".")[0]);
  }

  async replaceCib(cib: XmlElement): Promise<void> {
    await this.withNode(async (link) => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const original = await this.load(link);
        const wanted = cloneElement(cib);
        for (const a of ["admin_epoch", "epoch", "num_updates"]) wanted.attrs[a] = original.attrs[a] ?? "0";
        bumpEpoch(wanted);
        try {
          await link.call("cib.patch", { patch: serializeXml(createPatch(original, wanted)) }, this.remaining);
          return;
        } catch (e) {
          if (!(e instanceof RpcError && e.code === "CIB_CONFLICT")) throw e;
        }
        await sleep(Math.random() * 20);
      }
      fail("CIB_PUSH_CONFLICTS", { attempts: MAX_ATTEMPTS });
    });
  }
}

export async function createLiveEnv(options: EnvOptions): Promise<Env> {
  const nodes = clusterNodes();
  if (!nodes.length) fail("NO_CLUSTER_CONFIGURED", {});
  return new LiveEnv(nodes, timeoutFrom(options.requestTimeoutSeconds), connectAnyMs(options.requestTimeoutSeconds), options.debug);
}
