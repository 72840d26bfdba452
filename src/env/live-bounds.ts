// How long the CLI waits for one node. The cluster itself takes a node that stayed silent for the
// totem token as lost; the CLI gives a node as long to connect (and to answer a question), then
// reports it unreachable and answers with the others. --request-timeout overrides the bound.
// Actions that take their time on a healthy node (a stop moves resources away) get the bound to
// connect and the whole request timeout to finish.
import { DEFAULT_TIMEOUT_MS } from "../transport/nodes.js";
import { knownToken } from "./live-memory.js";

/** corosync's token when corosync.conf gives none, as pcs-agent reads it. */
export const DEFAULT_TOKEN_MS = 3000;
/** Below this a busy machine may not complete a fresh SSH handshake: a small token does not shrink the bound further. */
export const MIN_NODE_BOUND_MS = 1000;

export interface NodeBounds {
  /** to connect (SSH handshake, or a channel from the multiplexer) */
  connectMs: number;
  /** for the call's answer once connected */
  callMs: number;
}

/** The time a node gets before it counts as unreachable. */
export function nodeBoundMs(requestTimeoutSeconds?: number, token = knownToken()): number {
  if (requestTimeoutSeconds && requestTimeoutSeconds > 0) return Math.ceil(requestTimeoutSeconds * 1000);
  return Math.max(MIN_NODE_BOUND_MS, token ?? DEFAULT_TOKEN_MS);
}

/** A question a healthy node answers at once (status, corosync.conf): the bound for all of it. */
export function queryBounds(requestTimeoutSeconds?: number, token?: number): NodeBounds {
  const bound = nodeBoundMs(requestTimeoutSeconds, token);
  return { connectMs: bound, callMs: bound };
}

/** An action (start, stop, setup): the bound to connect, the request timeout to finish. */
export function actionBounds(requestTimeoutSeconds?: number, token?: number): NodeBounds {
  const explicit = requestTimeoutSeconds && requestTimeoutSeconds > 0 ? Math.ceil(requestTimeoutSeconds * 1000) : undefined;
  return { connectMs: nodeBoundMs(requestTimeoutSeconds, token), callMs: explicit ?? DEFAULT_TIMEOUT_MS };
}

/** The least time a node gets to connect when any one node will do (reads and writes of the CIB). */
export const MIN_CONNECT_ANY_MS = 5000;

/**
 * To connect to one node when any will do: the next node is tried meanwhile (live.ts), so this only
 * ends a command whose nodes are all hung. Longer than the bound, since a change that gives up is
 * worse than a late one; --request-timeout when given.
 */
export function connectAnyMs(requestTimeoutSeconds?: number, token?: number): number {
  if (requestTimeoutSeconds && requestTimeoutSeconds > 0) return Math.ceil(requestTimeoutSeconds * 1000);
  return Math.min(DEFAULT_TIMEOUT_MS, Math.max(MIN_CONNECT_ANY_MS, 3 * nodeBoundMs(undefined, token)));
}
