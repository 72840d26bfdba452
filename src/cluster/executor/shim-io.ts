// What a shim works with: its environment, its output, and its node's attribute socket.
import { callAttributeSocket, SOCKET_VARIABLE, type AttributeReply, type AttributeRequest, type NodeEntry } from "./attribute-protocol.js";

export interface ShimIo {
  env: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
  call(req: AttributeRequest): Promise<AttributeReply>;
}

export const VERSION_TEXT = "Pacemaker 2.1.5\nWritten by Andrew Beekhof and the Pacemaker project contributors\n";

/** Pacemaker's exit codes the shims use (crm_exit_t). */
export const EX = { OK: 0, ERROR: 1, INVALID_PARAM: 2, UNIMPLEMENT_FEATURE: 3, USAGE: 64, NOHOST: 68, CONFIG: 78, DISCONNECT: 102, NOSUCH: 105, QUORUM: 106 } as const;

export function processIo(): ShimIo {
  const env = process.env;
  return {
    env,
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    call: (req) => {
      const path = env[SOCKET_VARIABLE];
      return path ? callAttributeSocket(path, req) : Promise.resolve({ ok: false, error: "Transport endpoint is not connected" });
    },
  };
}

/** pcmk__node_attr_target: for no node (or "auto"/"localhost"), the node the cluster runs this agent
 * for, from the agent's environment; undefined when the environment does not say. */
export function nodeTarget(io: ShimIo, given: string | undefined): string | undefined {
  if (given !== undefined && given !== "auto" && given !== "localhost") return given;
  const target = io.env.OCF_RESKEY_CRM_meta_container_attribute_target;
  const physical = io.env.OCF_RESKEY_CRM_meta_physical_host;
  if (physical && target?.toLowerCase() === "host") return physical;
  return io.env.OCF_RESKEY_CRM_meta_on_node || undefined;
}

export class ShimError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A request that must succeed; a failure becomes the tool's connection error. */
export async function mustCall(io: ShimIo, req: AttributeRequest, what: string): Promise<AttributeReply & { ok: true }> {
  const reply = await io.call(req);
  if (!reply.ok) throw new ShimError(`Could not connect to ${what}: ${reply.error}`, EX.DISCONNECT);
  return reply;
}

export async function localName(io: ShimIo, what: string): Promise<string> {
  const reply = await mustCall(io, { op: "local" }, what);
  return reply.name ?? "";
}

export async function clusterNodes(io: ShimIo, what: string): Promise<NodeEntry[]> {
  const reply = await mustCall(io, { op: "nodes" }, what);
  return reply.nodes ?? [];
}
