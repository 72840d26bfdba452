// The SSH client side: connect with the client key (or a password for `host auth`), check the
// host key against the pinned fingerprint, and call methods with per-call timeouts.
import Client from "ssh2/lib/client.js";
import type { Client as SshClient, ClientChannel } from "ssh2";
import { fingerprintOfBlob } from "./keys.js";
import { encode, LineDecoder, PROTOCOL_VERSION, RpcError, SUBSYSTEM, type RpcResponse } from "./protocol.js";

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

export interface ConnectOptions {
  host: string;
  port: number;
  username?: string;
  privateKey?: string;
  password?: string;
  /** The pinned host key; a different key is refused. */
  fingerprint?: string;
  timeoutMs: number;
  /** Give up (e.g. another node answered first): the connection is torn down at once. */
  signal?: AbortSignal;
  /** Let the process exit while the link is idle (CLI); pending calls keep it alive through their timers. */
  unref?: boolean;
}

export interface Link {
  /** The fingerprint of the server's host key. */
  fingerprint: string;
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  close(): void;
  readonly closed: boolean;
}

/** Tear the TCP connection down now (a hung peer never completes a polite close). */
function hardClose(client: SshClient): void {
  (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
}

export function connect(options: ConnectOptions): Promise<Link> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen = "";
    let mismatch = false;
    let settled = false;
    const finish = (e: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      hardClose(client);
      reject(e);
    };
    const timer = setTimeout(
      () => finish(new TransportError("timeout", `Connection timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const onAbort = () => {
      // destroy before finish(): ssh2's destroy() does nothing once end() made the socket unwritable
      hardClose(client);
      finish(new TransportError("timeout", "Connection abandoned"));
    };
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener("abort", onAbort, { once: true });
    client.on("error", (e: Error & { level?: string; code?: string }) => {
      if (mismatch) finish(new TransportError("host-key-changed", "the host key has changed", seen));
      else if (e.level === "client-authentication") finish(new TransportError("auth", "Username and/or password is incorrect"));
      else if (e.level === "client-timeout") finish(new TransportError("timeout", e.message));
      else finish(new TransportError("unreachable", e.code ? `${e.code}: ${e.message}` : e.message));
    });
    client.on("close", () => finish(new TransportError("unreachable", "Connection closed")));
    client.on("ready", () => {
      client.subsys(SUBSYSTEM, (err, channel) => {
        if (err) {
          finish(new TransportError("protocol", `The node does not offer the ${SUBSYSTEM} service: ${err.message}`));
          return;
        }
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        resolve(makeLink(client, channel, seen, options.timeoutMs));
      });
    });
    client.connect({
      host: options.host,
      port: options.port,
      username: options.username ?? "hacluster",
      privateKey: options.privateKey,
      password: options.password,
      readyTimeout: options.timeoutMs,
      tryKeyboard: false,
      hostVerifier: (key: Buffer) => {
        seen = fingerprintOfBlob(key);
        if (options.fingerprint && options.fingerprint !== seen) {
          mismatch = true;
          return false;
        }
        return true;
      },
    });
    // small request/answer exchanges: Nagle's algorithm would add delayed-ACK waits to each
    client.setNoDelay(true);
    if (options.unref) (client as unknown as { _sock?: { unref(): void } })._sock?.unref();
  });
}

function makeLink(client: SshClient, channel: ClientChannel, fingerprint: string, defaultTimeout: number): Link {
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
  channel.on("data", (chunk: Buffer) => {
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
  });
  channel.on("close", () => failAll(new TransportError("unreachable", "Connection closed")));
  client.on("close", () => failAll(new TransportError("unreachable", "Connection closed")));
  client.on("error", (e: Error) => failAll(new TransportError("unreachable", e.message)));
  return {
    fingerprint,
    get closed() {
      return closed;
    },
    call<T>(method: string, params?: unknown, timeoutMs = defaultTimeout): Promise<T> {
      if (closed) return Promise.reject(new TransportError("unreachable", "Connection closed"));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new TransportError("timeout", `'${method}' timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        channel.write(encode({ v: PROTOCOL_VERSION, id, method, params }));
      });
    },
    close() {
      closed = true;
      client.end();
      // do not let a peer that never answers the close keep this process alive
      setTimeout(() => hardClose(client), 1000).unref();
    },
  };
}
