// A request/answer link to a node's agent over any byte stream (an SSH channel, or the local
// connection multiplexer's socket): newline-delimited JSON with ids and per-call timeouts.
import { encode, LineDecoder, PROTOCOL_VERSION, RpcError, type RpcResponse } from "./protocol.js";

export type TransportFailure = "unreachable" | "timeout" | "auth" | "host-key-changed" | "protocol";

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string,
    /** For host-key-changed: the key the server offered. */
    readonly fingerprint?: string,
  ) {
    super(message);
  }
}

export interface Link {
  /** The fingerprint of the server's host key. */
  fingerprint: string;
  /** Served by a connection multiplexer (mux.ts) rather than an SSH connection of this process. */
  multiplexed?: boolean;
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  close(): void;
  readonly closed: boolean;
}

/** The byte stream a link runs over. */
export interface LinkStream {
  write(data: string): unknown;
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  on(event: "close", listener: () => void): unknown;
}

/**
 * A link over `stream`; `close` ends the connection under it, `onDown` registers for a failure of
 * that connection. `leftover` is data already read from the stream.
 */
export function makeLink(
  stream: LinkStream,
  { fingerprint, defaultTimeout, close, leftover = "" }: { fingerprint: string; defaultTimeout: number; close(): void; leftover?: string },
): Link & { fail(e: Error): void } {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  const decoder = new LineDecoder();
  const failAll = (e: Error) => {
    closed = true;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(e);
    }
  };
  const receive = (chunk: Buffer | string) => {
    for (const line of decoder.push(chunk)) {
      let message: RpcResponse;
      try {
        message = JSON.parse(line) as RpcResponse;
      } catch {
        continue;
      }
      const p = pending.get(message.id);
      if (!p) continue;
      pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.error) p.reject(new RpcError(message.error.code, message.error.message));
      else p.resolve(message.result);
    }
  };
  if (leftover) receive(leftover);
  stream.on("data", receive);
  stream.on("close", () => failAll(new TransportError("unreachable", "Connection closed")));
  return {
    fingerprint,
    get closed() {
      return closed;
    },
    fail: failAll,
    call<T>(method: string, params?: unknown, timeoutMs = defaultTimeout): Promise<T> {
      if (closed) return Promise.reject(new TransportError("unreachable", "Connection closed"));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new TransportError("timeout", `'${method}' timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        stream.write(encode({ v: PROTOCOL_VERSION, id, method, params }));
      });
    },
    close() {
      closed = true;
      close();
    },
  };
}
