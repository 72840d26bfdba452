// Calling known nodes from the CLI: pinned host keys, the client key, per-call timeouts, and
// transport failures turned into pcs-style reports.
import { error, type ReportItem } from "../report/index.js";
import { connect, TransportError, type Link } from "./client.js";
import { readKnownHosts, type KnownHost } from "./config-dir.js";
import { connectMux, muxEnabled, muxSocketPath, startMux } from "./mux.js";
import { RpcError } from "./protocol.js";

export const DEFAULT_TIMEOUT_MS = 60000;

export class NodeError extends Error {
  constructor(
    readonly node: string,
    readonly report: ReportItem,
    readonly reason?: unknown,
  ) {
    super(report.message);
  }
}

export function describeFailure(node: string, e: unknown, known?: KnownHost): ReportItem {
  if (e instanceof TransportError) {
    if (e.kind === "host-key-changed") return error("HOST_KEY_CHANGED", { node, expected: known?.fingerprint ?? "?", actual: e.fingerprint ?? "?" });
    if (e.kind === "auth") return error("HOST_NOT_AUTHORIZED", { node });
    return error("HOST_UNREACHABLE", { node, reason: e.message });
  }
  if (e instanceof RpcError) return error("HOST_REMOTE_ERROR", { node, message: e.message });
  return error("HOST_REMOTE_ERROR", { node, message: (e as Error)?.message ?? String(e) });
}

/** An open link to a known, authenticated node: through its multiplexer when one runs (mux.ts), else directly. */
export async function openNode(node: string, timeoutMs: number, signal?: AbortSignal): Promise<Link> {
  const known = readKnownHosts()[node];
  if (!known) throw new NodeError(node, error("HOST_NOT_FOUND", { host: node }));
  const muxPath = muxEnabled() ? muxSocketPath(node, known) : undefined;
  try {
    const muxed = muxPath && (await connectMux(muxPath, known.fingerprint, timeoutMs, signal));
    if (muxed) return muxed;
    const { clientKey } = await import("./keys.js");
    const link = await connect({ host: known.host, port: known.port, privateKey: clientKey().private, fingerprint: known.fingerprint, timeoutMs, signal, unref: true });
    if (muxPath) startMux(node, muxPath);
    return link;
  } catch (e) {
    throw new NodeError(node, describeFailure(node, e, known), e);
  }
}

/** Call one method on one node, closing the link afterwards. */
export async function callNode<T>(node: string, method: string, params: unknown, timeoutMs: number): Promise<T> {
  const link = await openNode(node, timeoutMs);
  try {
    return await link.call<T>(method, params, timeoutMs);
  } catch (e) {
    throw new NodeError(node, describeFailure(node, e, readKnownHosts()[node]), e);
  } finally {
    link.close();
  }
}

export type NodeResult<T> = { ok: true; value: T } | { ok: false; error: NodeError };

/** Call a method on several nodes in parallel; each result or failure per node. */
export async function callNodes<T>(
  nodes: string[],
  method: string,
  params: (node: string) => unknown,
  timeoutMs: number,
): Promise<Map<string, NodeResult<T>>> {
  const results = await Promise.all(
    nodes.map(async (node): Promise<[string, NodeResult<T>]> => {
      try {
        return [node, { ok: true, value: await callNode<T>(node, method, params(node), timeoutMs) }];
      } catch (e) {
        return [node, { ok: false, error: e instanceof NodeError ? e : new NodeError(node, describeFailure(node, e)) }];
      }
    }),
  );
  return new Map(results);
}

export const timeoutFrom = (seconds: number | undefined): number => (seconds ? seconds * 1000 : DEFAULT_TIMEOUT_MS);
