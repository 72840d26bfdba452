import type { ExecRequest, ExecResult } from "../../agents/exec/index.js";

/** Node attributes as the agents' tools see them (Pacemaker's attrd and CIB node attributes). */
export interface AttributeService {
  update(r: { node: string; name: string; value?: string; lifetime: "reboot" | "forever" }): Promise<void>;
  query(r: { node: string; name: string; lifetime: "reboot" | "forever" }): Promise<string | undefined>;
  nodes(): Promise<{ name: string; id: string; member: boolean }[]>;
  localName(): string;
}

export interface ExecutorOptions {
  nodeName: string;
  stateDir: string;
  ocfRoot?: string;
  /** Where the shims (crm_attribute, crm_node, ...) are written: the agents' HA_SBIN_DIR. */
  sbinDir: string;
  attributes: AttributeService;
  /** A recurring operation's first result, and every result that differs from the one before. */
  onRecurringResult(req: ExecRequest, result: ExecResult): void;
  log(event: string, data: object): void;
  /** How a shim runs pcs-agent: [node, script]; default: this process's node and pcs-agent script. */
  shimCommand?: string[];
}

export interface RecurringKey {
  rscId: string;
  action: string;
  intervalMs: number;
}

export interface Executor {
  run(req: ExecRequest): Promise<ExecResult>;
  startRecurring(req: ExecRequest): void;
  cancel(rscId: string, action: string, intervalMs: number): boolean;
  cancelAll(rscId: string): void;
  active(): RecurringKey[];
  stop(): Promise<void>;
}
