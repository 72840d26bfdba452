// The agent's SSH server: password login only to run `auth`, otherwise authorized keys;
// each session opens the `pcs-lite` subsystem and exchanges JSON lines.
import { timingSafeEqual } from "node:crypto";
import ssh2 from "ssh2";
import type { AuthContext, Connection, ServerChannel } from "ssh2";
import { encode, LineDecoder, PROTOCOL_VERSION, RpcError, SUBSYSTEM, type RpcRequest, type RpcResponse } from "./protocol.js";

export interface Session {
  user: string;
  /** How the client authenticated: a password session may only call the methods in `passwordMethods`. */
  via: "password" | "publickey";
  remote: string;
}

export type RpcHandler = (method: string, params: unknown, session: Session) => Promise<unknown>;

export interface ServerOptions {
  hostKey: string;
  checkPassword(user: string, password: string): Promise<boolean>;
  /** The wire blobs of the keys allowed to log in. */
  authorizedKeys(): Buffer[];
  handle: RpcHandler;
  /** Methods a password session may call. */
  passwordMethods: readonly string[];
  log(event: string, fields?: Record<string, unknown>): void;
  /** Requests taking longer are answered with a TIMEOUT error. */
  requestTimeoutMs?: number;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

const sameBlob = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

function authenticate(ctx: AuthContext, options: ServerOptions, remote: string, done: (via: Session["via"]) => void): void {
  if (ctx.method === "password") {
    const password = ctx.password;
    options.checkPassword(ctx.username, password).then(
      (ok) => {
        options.log(ok ? "auth.password.accepted" : "auth.password.refused", { user: ctx.username, remote });
        if (ok) {
          done("password");
          ctx.accept();
        } else ctx.reject(["password", "publickey"]);
      },
      () => ctx.reject(),
    );
    return;
  }
  if (ctx.method === "publickey") {
    const known = options.authorizedKeys().some((blob) => sameBlob(blob, ctx.key.data));
    if (!known || ctx.username !== "hacluster") {
      if (ctx.signature) options.log("auth.key.refused", { user: ctx.username, remote });
      ctx.reject(["password", "publickey"]);
      return;
    }
    if (!ctx.signature) {
      ctx.accept();
      return;
    }
    const parsed = ssh2.utils.parseKey(ctx.key.data);
    const key = parsed instanceof Error ? undefined : Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && ctx.blob && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo)) {
      done("publickey");
      ctx.accept();
    } else {
      options.log("auth.key.bad-signature", { remote });
      ctx.reject(["password", "publickey"]);
    }
    return;
  }
  ctx.reject(["password", "publickey"]);
}

function serveChannel(channel: ServerChannel, session: Session, options: ServerOptions): void {
  const decoder = new LineDecoder();
  const reply = (response: RpcResponse) => {
    if (channel.writable) channel.write(encode(response));
  };
  channel.on("data", (chunk: Buffer) => {
    for (const line of decoder.push(chunk)) {
      let request: RpcRequest;
      try {
        request = JSON.parse(line) as RpcRequest;
      } catch {
        reply({ v: PROTOCOL_VERSION, id: -1, error: { code: "BAD_REQUEST", message: "the request is not valid JSON" } });
        continue;
      }
      const id = request.id;
      if (request.v !== PROTOCOL_VERSION) {
        reply({ v: PROTOCOL_VERSION, id, error: { code: "BAD_VERSION", message: `protocol version ${request.v} is not supported, use ${PROTOCOL_VERSION}` } });
        continue;
      }
      if (session.via === "password" && !options.passwordMethods.includes(request.method)) {
        reply({ v: PROTOCOL_VERSION, id, error: { code: "NOT_AUTHORIZED", message: "a password session may only authenticate the host" } });
        continue;
      }
      const timeout = options.requestTimeoutMs ?? 60000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RpcError("TIMEOUT", `'${request.method}' did not finish within ${timeout} ms`)), timeout);
      });
      Promise.race([options.handle(request.method, request.params, session), timedOut]).then(
        (result) => reply({ v: PROTOCOL_VERSION, id, result: result ?? null }),
        (e: unknown) => {
          const code = e instanceof RpcError ? e.code : "INTERNAL";
          if (code === "INTERNAL") options.log("request.failed", { method: request.method, error: String((e as Error)?.stack ?? e) });
          reply({ v: PROTOCOL_VERSION, id, error: { code, message: (e as Error)?.message ?? String(e) } });
        },
      ).finally(() => clearTimeout(timer));
    }
  });
}

export function startServer(options: ServerOptions, listen: { host: string; port: number }): Promise<RunningServer> {
  const server = new ssh2.Server({ hostKeys: [options.hostKey] }, (client: Connection, info) => {
    const remote = `${info.ip}:${info.port}`;
    // small request/answer exchanges: Nagle's algorithm would add delayed-ACK waits to each
    (client as Connection & { setNoDelay?(v: boolean): void }).setNoDelay?.(true);
    let session: Session | undefined;
    client.on("authentication", (ctx) =>
      authenticate(ctx, options, remote, (via) => {
        session = { user: ctx.username, via, remote };
      }),
    );
    client.on("session", (accept) => {
      const s = accept();
      s.on("subsystem", (acceptSub, rejectSub, subInfo) => {
        if (subInfo.name !== SUBSYSTEM || !session) {
          rejectSub();
          return;
        }
        serveChannel(acceptSub(), session, options);
      });
    });
    client.on("error", (e) => options.log("connection.error", { remote, error: e.message }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : listen.port;
      resolve({
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
