// What the executor is asked to run and what it reports, in Pacemaker's terms: an OCF exit code
// (rc) plus an execution status (op-status), as pacemaker-execd reports them to the controller.

export interface AgentRef {
  /** ocf | lsb | service | systemd (stonith: the fencer's business) */
  class: string;
  provider?: string;
  type: string;
}

export interface ExecRequest {
  rscId: string;
  agent: AgentRef;
  action: string;
  intervalMs?: number;
  timeoutMs: number;
  /** Instance attributes: OCF_RESKEY_<name>. */
  params: Record<string, string>;
  /** CRM_meta_* names WITHOUT the prefix, e.g. {timeout: "20000", on_node: "node1", clone: "0"}. */
  meta?: Record<string, string>;
  /** Extra or overriding environment (HA_RSCTMP, HA_VARRUN, HA_SBIN_DIR, OCF_ROOT, ...); PATH is
   * put in front of the inherited PATH rather than replacing it. */
  env?: Record<string, string>;
  /** Bytes of stdout and of stderr kept (default 64 KiB; 1 MiB for meta-data). */
  outputLimit?: number;
}

export type ExecStatus = "done" | "timeout" | "error" | "not-installed" | "cancelled";

export interface ExecResult {
  rc: number;
  status: ExecStatus;
  exitReason: string;
  stdout: string;
  stderr: string;
  execTimeMs: number;
  /** epoch ms */
  startedAt: number;
  /** Time spent waiting behind other operations on the same resource (executor only). */
  queueTimeMs?: number;
}

/** OCF exit codes (Pacemaker's enum ocf_exitcode). */
export const OCF = {
  OK: 0,
  UNKNOWN_ERROR: 1,
  INVALID_PARAM: 2,
  UNIMPLEMENT_FEATURE: 3,
  INSUFFICIENT_PRIV: 4,
  NOT_INSTALLED: 5,
  NOT_CONFIGURED: 6,
  NOT_RUNNING: 7,
  RUNNING_PROMOTED: 8,
  FAILED_PROMOTED: 9,
  DEGRADED: 190,
  DEGRADED_PROMOTED: 191,
} as const;

/** Pacemaker's PCMK_OCF_REASON_PREFIX, also handed to agents as OCF_EXIT_REASON_PREFIX. */
export const EXIT_REASON_PREFIX = "ocf-exit-reason:";
