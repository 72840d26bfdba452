// The CIB and the live operations of the Pacemaker running on this host, through its own tools, as pcs
// does on a cluster node. A command's edit runs on the CIB from `cibadmin --query`; the configuration
// change goes back as a format-2 patch carrying its source version; on a version conflict (the CIB
// changed meanwhile) the CIB is reloaded and the edit re-run. Status-section edits become requests to
// the daemons that own that section (status-requests.ts).
import { readFileSync } from "node:fs";
import { bumpEpoch } from "../../cib/document.js";
import { createPatch } from "../../cib/diff.js";
import { cloneElement, firstChild, serializeXml, type XmlElement } from "../../cib/xml.js";
import { processRunner, type Runner } from "../../host/runner.js";
import { fail, type Reports } from "../../report/index.js";
import { corosyncFacts } from "../../transport/corosync-conf.js";
import type { Env } from "../types.js";
import { applyEdit, type PacemakerSink } from "./apply.js";
import { pushPatch, queryCib, replaceWholeCib } from "./cib.js";
import { confirmFenced, fenceHistory, fenceNode } from "./fencing.js";
import { CRM_EX, failIfNotRun, joinedOutput, pacemakerTools, type Tools } from "./tools.js";

const MAX_ATTEMPTS = 40;
/** Where pcs reads the cluster's name from. */
export const COROSYNC_CONF = "/etc/corosync/corosync.conf";
/** crm_resource --wait's own slack over the deadline we give it, before we stop waiting for it. */
const WAIT_SLACK_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** pcs-lite's request timeout when --request-timeout is not given. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60000;

export interface PacemakerEnvOptions {
  /** --request-timeout: the budget all of a command's tool runs share */
  requestTimeoutSeconds?: number;
  debug?: boolean;
  runner?: Runner;
}

export class PacemakerEnv implements Env {
  readonly kind = "live" as const;
  readonly runner: Runner;
  private readonly tools: Tools;
  private readonly sink: PacemakerSink;
  private readonly born = performance.now();
  private deadline = 0;
  private nodeName?: string;
  private lastCib?: XmlElement;

  constructor(private readonly options: PacemakerEnvOptions) {
    this.runner = options.runner ?? processRunner;
    this.tools = pacemakerTools(this.runner, (text) => this.trace(text));
    this.sink = { tools: this.tools, remaining: () => this.remaining, trace: (text) => this.trace(text) };
  }

  private trace(text: string): void {
    if (this.options.debug) process.stderr.write(`[pacemaker +${(performance.now() - this.born).toFixed(1)} ms] ${text}\n`);
  }

  /** What is left of --request-timeout for this command (its calls share one budget). */
  private get remaining(): number {
    if (!this.deadline) this.deadline = Date.now() + (this.options.requestTimeoutSeconds ? this.options.requestTimeoutSeconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS);
    return Math.max(1, this.deadline - Date.now());
  }

  /** The local node's name as Pacemaker knows it (`crm_node -n`), asked once when the env is made. */
  async learnNodeName(): Promise<void> {
    const result = await this.tools.run("crm_node", ["--name"], { timeoutMs: Math.min(this.remaining, 10000) });
    if (result.code === CRM_EX.OK && !result.timedOut) this.nodeName = result.stdout.trim() || undefined;
  }

  localNodeName(): string | undefined {
    return this.nodeName;
  }

  clusterName(): string | undefined {
    return pacemakerClusterName(this.lastCib);
  }

  async readCib(): Promise<XmlElement> {
    this.lastCib = await queryCib(this.tools, this.remaining);
    return this.lastCib;
  }

  async editCib<T>(edit: (cib: XmlElement, reports: Reports) => T | Promise<T>, reports: Reports): Promise<T> {
    const mark = reports.items.length;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      reports.items.length = mark;
      const original = await this.readCib();
      const cib = cloneElement(original);
      const result = await edit(cib, reports);
      reports.throwIfErrors();
      if ((await applyEdit(this.sink, original, cib)) === "applied") return result;
      this.trace(`version conflict (attempt ${attempt}): reloading`);
      await sleep(Math.random() * Math.min(100, 5 * attempt));
    }
    return fail("CIB_PUSH_CONFLICTS", { attempts: MAX_ATTEMPTS });
  }

  async replaceCib(cib: XmlElement): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const original = await this.readCib();
      const wanted = cloneElement(cib);
      for (const a of ["admin_epoch", "epoch", "num_updates"]) wanted.attrs[a] = original.attrs[a] ?? "0";
      bumpEpoch(wanted);
      const outcome = await pushPatch(this.tools, serializeXml(createPatch(original, wanted)), this.remaining);
      const final = outcome === "not-applicable" ? await replaceWholeCib(this.tools, serializeXml(wanted), this.remaining) : outcome;
      if (final === "applied") return;
      await sleep(Math.random() * 20);
    }
    fail("CIB_PUSH_CONFLICTS", { attempts: MAX_ATTEMPTS });
  }

  /** `crm_resource --wait`, as pcs waits: the scheduler finds nothing left to do on the live CIB. */
  async waitForIdle(timeoutMs: number, onProgress?: (state: string) => void): Promise<boolean> {
    onProgress?.("waiting for the cluster's transition to complete");
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const result = await this.tools.run("crm_resource", ["--wait", `--timeout=${seconds}`], { timeoutMs: seconds * 1000 + WAIT_SLACK_MS });
    if (result.timedOut || result.code === CRM_EX.TIMEOUT) return false;
    failIfNotRun("crm_resource", result, seconds * 1000);
    if (result.code !== CRM_EX.OK) fail("GENERIC", { text: joinedOutput(result) || `crm_resource exited with ${result.code}` });
    return true;
  }

  /** The agents' methods the commands use, answered by Pacemaker's tools. */
  async call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const timeoutMs = this.remaining;
    switch (method) {
      case "fence.history":
        return { entries: await fenceHistory(this.tools, timeoutMs) } as T;
      case "fence.request":
        return (await fenceNode(this.tools, timeoutMs, params as Parameters<typeof fenceNode>[2])) as T;
      case "fence.confirm":
        return (await confirmFenced(this.tools, timeoutMs, params as Parameters<typeof confirmFenced>[2])) as T;
      default:
        return fail("GENERIC", { text: `${method}: unknown method for a Pacemaker cluster` });
    }
  }
}

/** As pcs: totem.cluster_name of /etc/corosync/corosync.conf, else the CIB's cluster-name. */
export function pacemakerClusterName(cib?: XmlElement): string | undefined {
  try {
    const name = corosyncFacts(readFileSync(process.env.PCS_LITE_COROSYNC_CONF || COROSYNC_CONF, "utf8")).clusterName;
    if (name) return name;
  } catch {
    // no corosync.conf here: the CIB knows the name the cluster runs with
  }
  return (cib && findClusterName(cib)) || undefined;
}

function findClusterName(cib: XmlElement): string | undefined {
  const config = firstChild(cib, "configuration");
  const crmConfig = config && firstChild(config, "crm_config");
  for (const set of crmConfig?.children ?? []) {
    for (const pair of set.children) if (pair.attrs.name === "cluster-name") return pair.attrs.value;
  }
  return undefined;
}

export async function createPacemakerEnv(options: PacemakerEnvOptions): Promise<Env> {
  const env = new PacemakerEnv(options);
  await env.learnNodeName();
  return env;
}
