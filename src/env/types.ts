import type { XmlElement } from "../cib/xml.js";
import type { Reports } from "../report/index.js";
import type { Runner } from "../host/runner.js";

/**
 * Where the CIB lives. Commands never know whether it is a file (`-f`) or a live cluster:
 * they read it, or edit it through `editCib`, which loads, runs the edit, and stores the result
 * (a file write, or a patch pushed to the cluster, re-running the edit on a version conflict).
 */
export interface Env {
  readonly kind: "file" | "live";
  /** The -f file, in file mode. */
  readonly file?: string;
  readonly runner: Runner;
  readCib(): Promise<XmlElement>;
  /** Run `edit` on the loaded CIB and store the result when the configuration changed. */
  editCib<T>(edit: (cib: XmlElement, reports: Reports) => T | Promise<T>, reports: Reports): Promise<T>;
  /** Replace the whole CIB (cluster cib-push). */
  replaceCib?(cib: XmlElement, reports: Reports): Promise<void>;
  /**
   * File only: replace the whole CIB with what `transform` makes of it (undefined: leave it), read and
   * written under one lock, so that no other writer's change comes in between and is lost.
   */
  transformCib?(transform: (cib: XmlElement) => Promise<XmlElement | undefined>): Promise<void>;
  /**
   * Live only: resolve true once the cluster's controller is idle (no transition in flight, nothing left to
   * do), false when `timeoutMs` passes first. `onProgress` hears what is being waited for.
   */
  waitForIdle?(timeoutMs: number, onProgress?: (state: string) => void): Promise<boolean>;
  /** Live only: the name of the cluster node this command runs on, when this machine is one. */
  localNodeName?(): string | undefined;
  /** Live only: the cluster's name where the environment knows it (a Pacemaker node: its corosync.conf). */
  clusterName?(): string | undefined;
  /**
   * Live only: call one of the agents' methods (fence.request, fence.history, ...) on any node that answers,
   * within the command's request timeout; an agent's error becomes the usual report.
   */
  call?<T>(method: string, params: Record<string, unknown>): Promise<T>;
}

/** What the DC's controller answers to "controller.state". */
export interface ControllerState {
  dc: string | null;
  idle: boolean;
  transitionId: number;
  inFlight: number;
}

/** What the command line says about where and how to reach the CIB. */
export interface EnvOptions {
  file?: string;
  requestTimeoutSeconds?: number;
  debug?: boolean;
}
