// Asking several nodes at once: every node in parallel, each within its bounds (live-bounds.ts), a
// node that does not connect in time reported unreachable as pcs reports it, the others' answers kept.
import { readKnownHosts } from "../transport/config-dir.js";
import { describeFailure, NodeError, openNode, type NodeResult } from "../transport/nodes.js";
import { TransportError } from "../transport/client.js";
import type { NodeBounds } from "./live-bounds.js";
import { recordAnswers } from "./live-memory.js";

export type { NodeResult } from "../transport/nodes.js";

/** A failure that says the node itself is not there (rather than that it refused or failed the request). */
export function isUnreachable(e: NodeError): boolean {
  const reason = e.reason;
  return reason instanceof TransportError && (reason.kind === "timeout" || reason.kind === "unreachable");
}

async function askOne<T>(node: string, method: string, params: unknown, bounds: NodeBounds, signal?: AbortSignal): Promise<T> {
  const link = await openNode(node, bounds.connectMs, signal);
  const abandon = () => link.close();
  signal?.addEventListener("abort", abandon, { once: true });
  try {
    return await link.call<T>(method, params, bounds.callMs);
  } catch (e) {
    throw new NodeError(node, describeFailure(node, e, readKnownHosts()[node]), e);
  } finally {
    signal?.removeEventListener("abort", abandon);
    link.close();
  }
}

async function result<T>(node: string, method: string, params: unknown, bounds: NodeBounds, signal?: AbortSignal): Promise<NodeResult<T>> {
  try {
    return { ok: true, value: await askOne<T>(node, method, params, bounds, signal) };
  } catch (e) {
    return { ok: false, error: e instanceof NodeError ? e : new NodeError(node, describeFailure(node, e)) };
  }
}

const record = (results: [string, NodeResult<unknown>][]) =>
  recordAnswers(
    results.filter(([, r]) => r.ok).map(([n]) => n),
    results.filter(([, r]) => !r.ok && isUnreachable(r.error)).map(([n]) => n),
  );

/** `method` on every node of `nodes` in parallel; the result or failure of each. */
export async function askNodes<T>(nodes: string[], method: string, params: (node: string) => unknown, bounds: NodeBounds): Promise<Map<string, NodeResult<T>>> {
  const results = await Promise.all(nodes.map(async (node): Promise<[string, NodeResult<T>]> => [node, await result<T>(node, method, params(node), bounds)]));
  record(results);
  return new Map(results);
}

/** `method` on one node; a failure is thrown as a NodeError (its report in pcs's words). */
export async function askNode<T>(node: string, method: string, params: unknown, bounds: NodeBounds): Promise<T> {
  const r = (await askNodes<T>([node], method, () => params, bounds)).get(node)!;
  if (!r.ok) throw r.error;
  return r.value;
}

/** The answer of the node that answers first (all are asked at once), or every node's failure. */
export function askFirst<T>(nodes: string[], method: string, params: unknown, bounds: NodeBounds): Promise<{ node: string; value: T } | { failures: NodeError[] }> {
  const abandon = new AbortController();
  const settled: [string, NodeResult<unknown>][] = [];
  const failures = new Map<string, NodeError>();
  return new Promise((resolve) => {
    let done = false;
    for (const node of nodes) {
      void result<T>(node, method, params, bounds, abandon.signal).then((r) => {
        if (done) return;
        settled.push([node, r]);
        if (!r.ok) failures.set(node, r.error);
        if (!r.ok && failures.size < nodes.length) return;
        done = true;
        // the others are not waited for
        abandon.abort();
        record(settled);
        resolve(r.ok ? { node, value: r.value } : { failures: nodes.map((n) => failures.get(n)!) });
      });
    }
    if (!nodes.length) resolve({ failures: [] });
  });
}
