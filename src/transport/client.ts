// The SSH client side: connect with the client key (or a password for `host auth`), check the
// host key against the pinned fingerprint, and call methods with per-call timeouts.
import type { Client as SshClient, ClientChannel } from "ssh2";
import { fingerprintOfBlob } from "./fingerprint.js";
import { makeLink, TransportError, type Link } from "./link.js";
import { SUBSYSTEM } from "./protocol.js";

export { TransportError, type Link, type TransportFailure } from "./link.js";

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

/** Tear the TCP connection down now (a hung peer never completes a polite close). */
export function hardClose(client: SshClient): void {
  (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
}

/** A link to the agent: the SSH handshake, then one channel on the agent's subsystem. */
export function connect(options: ConnectOptions): Promise<Link> {
  return handshake(options, async (client, fingerprint) => sshLink(client, await openSubsystem(client), fingerprint, options.timeoutMs));
}

/** The agent's subsystem on an open SSH connection (one channel per link). */
export function openSubsystem(client: SshClient): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.subsys(SUBSYSTEM, (err, channel) => {
      if (err) reject(new TransportError("protocol", `The node does not offer the ${SUBSYSTEM} service: ${err.message}`));
      else resolve(channel);
    });
  });
}

/**
 * Connect and authenticate (the host key checked against the pinned fingerprint), then run
 * `ready`; the timeout and the abort signal cover both.
 */
export async function handshake<T>(options: ConnectOptions, ready: (client: SshClient, fingerprint: string) => Promise<T>): Promise<T> {
  // loaded here, not at start-up: a command served by the connection multiplexer never needs it
  const { default: Client } = await import("ssh2/lib/client.js");
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
      () => finish(new TransportError("timeout", `Connection timed out after ${options.timeoutMs} milliseconds`)),
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
      ready(client, seen).then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          options.signal?.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (e: unknown) => finish(e instanceof TransportError ? e : new TransportError("protocol", String(e))),
      );
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

function sshLink(client: SshClient, channel: ClientChannel, fingerprint: string, defaultTimeout: number): Link {
  const link = makeLink(channel, {
    fingerprint,
    defaultTimeout,
    close() {
      client.end();
      // do not let a peer that never answers the close keep this process alive
      setTimeout(() => hardClose(client), 1000).unref();
    },
  });
  client.on("close", () => link.fail(new TransportError("unreachable", "Connection closed")));
  client.on("error", (e: Error) => link.fail(new TransportError("unreachable", e.message)));
  return link;
}
