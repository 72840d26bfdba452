// The connection multiplexer, as OpenSSH's ControlMaster/ControlPersist: the first command that
// reaches a node leaves a small process behind holding the authenticated SSH connection; later
// commands ask it for a channel over a unix socket in the config dir (0700, socket 0600: the
// same protection as the client key) and skip loading SSH code and the handshake. It exits after
// PCS_LITE_MUX_PERSIST seconds (default 60) without clients, or as soon as the connection drops.
// PCS_LITE_MUX=off turns it off.
//
// On the socket, the multiplexer first sends one line, {"mux":1}, once the channel to the agent
// is open; after that the bytes are the agent protocol's, both ways.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, closeSync, mkdirSync, openSync, statSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { dirname, join } from "node:path";
import { configDir, readKnownHosts, type KnownHost } from "./config-dir.js";
import { makeLink, TransportError, type Link } from "./link.js";

const HELLO = '{"mux":1}\n';
// sun_path holds 108 bytes on Linux
const MAX_SOCKET_PATH = 100;

export const muxEnabled = (): boolean => process.env.PCS_LITE_MUX !== "off";

/** The socket of the multiplexer for `node` as known now: a new address or host key means another socket. */
export function muxSocketPath(node: string, known: KnownHost): string | undefined {
  const id = createHash("sha256").update(JSON.stringify([node, known.host, known.port, known.fingerprint])).digest("hex").slice(0, 20);
  const path = join(configDir(), "mux", `${id}.sock`);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : undefined;
}

/**
 * A link through the multiplexer at `path`, or undefined when none answers there (the caller then
 * connects itself). A multiplexer that accepts but does not open a channel in time is a timeout.
 */
export function connectMux(path: string, fingerprint: string, timeoutMs: number, signal?: AbortSignal): Promise<Link | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let settled = false;
    let received = "";
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.off("data", onData);
      outcome();
    };
    const giveUp = (e?: TransportError) =>
      settle(() => {
        socket.destroy();
        if (e) reject(e);
        else resolve(undefined);
      });
    const timer = setTimeout(() => giveUp(new TransportError("timeout", `Connection timed out after ${timeoutMs} milliseconds`)), timeoutMs);
    const onAbort = () => giveUp(new TransportError("timeout", "Connection abandoned"));
    signal?.addEventListener("abort", onAbort, { once: true });
    const onData = (chunk: Buffer) => {
      received += chunk.toString();
      if (!received.includes("\n")) return;
      if (!received.startsWith(HELLO)) return giveUp();
      settle(() => {
        socket.setNoDelay(true);
        socket.unref();
        const link = makeLink(socket, { fingerprint, defaultTimeout: timeoutMs, close: () => socket.end(), leftover: received.slice(HELLO.length) });
        resolve(Object.assign(link, { multiplexed: true }));
      });
    };
    socket.on("data", onData);
    // no multiplexer (ENOENT, ECONNREFUSED), or it could not open a channel (closed before the hello)
    socket.on("error", () => giveUp());
    socket.on("close", () => giveUp());
  });
}

// while a multiplexer starts, its socket path + this marks it, so concurrent commands start one, not one each
const STARTING = ".starting";
const STARTING_STALE_MS = 15000;

function claimStart(path: string): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path + STARTING, "wx", 0o600));
    return true;
  } catch {
    try {
      if (Date.now() - statSync(path + STARTING).mtimeMs < STARTING_STALE_MS) return false;
      unlinkSync(path + STARTING);
      closeSync(openSync(path + STARTING, "wx", 0o600));
      return true;
    } catch {
      return false;
    }
  }
}

const releaseStart = (path: string) => {
  try {
    unlinkSync(path + STARTING);
  } catch {
    // not ours, or gone
  }
};

/**
 * Leave a multiplexer for `node` behind at `path`, started as this command exits so that the two
 * do not compete for the CPU (this process does not wait for it).
 */
export function startMux(node: string, path: string): void {
  if (!muxEnabled() || !process.argv[1] || !claimStart(path)) return;
  const env: NodeJS.ProcessEnv = { ...process.env, PCS_LITE_MUX_SERVE: node };
  delete env.NODE_EXTRA_CA_CERTS;
  process.once("exit", () => {
    try {
      spawn(process.execPath, [...process.execArgv, process.argv[1]], { detached: true, stdio: "ignore", env }).unref();
    } catch {
      releaseStart(path);
    }
  });
}

/** Listen on `path`, replacing a stale socket; false when a live multiplexer already serves it. */
async function listen(server: Server, path: string): Promise<boolean> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  chmodSync(dirname(path), 0o700);
  const attempt = () =>
    new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once("error", resolve);
      server.listen(path, () => {
        server.off("error", resolve);
        resolve(undefined);
      });
    });
  const alive = () =>
    new Promise<boolean>((resolve) => {
      const probe = createConnection(path);
      probe.on("connect", () => {
        probe.destroy();
        resolve(true);
      });
      probe.on("error", () => resolve(false));
    });
  let e = await attempt();
  if (e?.code === "EADDRINUSE") {
    if (await alive()) return false;
    unlinkSync(path);
    e = await attempt();
  }
  if (e) throw e;
  chmodSync(path, 0o600);
  return true;
}

/** The multiplexer process for `node` (PCS_LITE_MUX_SERVE); resolves when it is done. */
export async function serveMux(node: string): Promise<void> {
  process.title = `pcs-lite-mux ${node}`;
  const known = readKnownHosts()[node];
  const path = known && muxSocketPath(node, known);
  if (!known || !path) return;
  try {
    await serveMuxAt(known, path);
  } finally {
    releaseStart(path);
  }
}

async function serveMuxAt(known: KnownHost, path: string): Promise<void> {
  const persistMs = 1000 * Number(process.env.PCS_LITE_MUX_PERSIST ?? 60);
  const { handshake, hardClose, openSubsystem } = await import("./client.js");
  const { clientKey } = await import("./keys.js");
  let client;
  try {
    client = await handshake(
      { host: known.host, port: known.port, privateKey: clientKey().private, fingerprint: known.fingerprint, timeoutMs: 10000 },
      async (c) => c,
    );
  } catch {
    return;
  }
  const ssh = client;
  const clients = new Set<Socket>();
  let idle: NodeJS.Timeout | undefined;
  const server = createServer((socket) => {
    clients.add(socket);
    clearTimeout(idle);
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      clients.delete(socket);
      if (!clients.size && !stopped) idle = setTimeout(stop, persistMs);
    });
    openSubsystem(ssh).then(
      (channel) => {
        if (socket.destroyed) return channel.close();
        socket.setNoDelay(true);
        socket.write(HELLO);
        socket.pipe(channel).on("error", () => socket.destroy());
        channel.pipe(socket);
        channel.on("close", () => socket.end());
        socket.on("close", () => channel.close());
      },
      () => socket.destroy(),
    );
  });
  const done = new Promise<void>((resolve) => server.on("close", resolve));
  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    clearTimeout(idle);
    // unlink first: a new multiplexer may take the path while this one winds down
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
    server.close();
    for (const socket of clients) socket.destroy();
    ssh.end();
    setTimeout(() => hardClose(ssh), 1000).unref();
  }
  ssh.on("close", stop);
  ssh.on("error", stop);
  if (!(await listen(server, path).catch(() => false))) {
    stopped = true;
    ssh.end();
    hardClose(ssh);
    return;
  }
  releaseStart(path);
  idle = setTimeout(stop, persistMs);
  await done;
}
