// The SSH transport in-process: password sessions limited to host auth, key sessions, framing,
// protocol versions, timeouts and pinned host keys.
import { connect, TransportError } from "../../src/transport/client";
import { fingerprintOfKey, generateKeyPair, publicBlob } from "../../src/transport/keys";
import { LineDecoder, RpcError } from "../../src/transport/protocol";
import { startServer, type RunningServer } from "../../src/transport/server";

describe("the pcs-lite SSH transport", () => {
  const hostKey = generateKeyPair();
  const client = generateKeyPair();
  const authorized: Buffer[] = [];
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer(
      {
        hostKey: hostKey.private,
        checkPassword: async (user, password) => user === "hacluster" && password === "pw",
        authorizedKeys: () => authorized,
        passwordMethods: ["hello", "auth"],
        log: () => undefined,
        requestTimeoutMs: 300,
        handle: async (method, params) => {
          if (method === "hello") return { hi: true };
          if (method === "auth") {
            authorized.push(publicBlob((params as { publicKey: string }).publicKey));
            return { ok: true };
          }
          if (method === "echo") return params;
          if (method === "slow") return new Promise((r) => setTimeout(r, 2000));
          throw new RpcError("UNKNOWN_METHOD", `unknown method '${method}'`);
        },
      },
      { host: "127.0.0.1", port: 0 },
    );
  });
  afterAll(() => server.close());

  const opts = { host: "127.0.0.1", timeoutMs: 5000 };

  it("limits a password session to host auth, then accepts the installed key", async () => {
    await expect(connect({ ...opts, port: server.port, privateKey: client.private })).rejects.toMatchObject({ kind: "auth" });
    const byPassword = await connect({ ...opts, port: server.port, password: "pw" });
    expect(byPassword.fingerprint).toBe(fingerprintOfKey(hostKey.public));
    await expect(byPassword.call("echo", { a: 1 })).rejects.toMatchObject({ code: "NOT_AUTHORIZED" });
    await byPassword.call("auth", { publicKey: client.public });
    byPassword.close();
    const byKey = await connect({ ...opts, port: server.port, privateKey: client.private, fingerprint: fingerprintOfKey(hostKey.public) });
    await expect(byKey.call("echo", { a: 1 })).resolves.toEqual({ a: 1 });
    await expect(byKey.call("nope")).rejects.toMatchObject({ code: "UNKNOWN_METHOD" });
    await expect(byKey.call("slow", {}, 5000)).rejects.toMatchObject({ code: "TIMEOUT" });
    await expect(byKey.call("slow", {}, 100)).rejects.toBeInstanceOf(TransportError);
    byKey.close();
  });

  it("refuses a wrong password and a changed host key", async () => {
    await expect(connect({ ...opts, port: server.port, password: "bad" })).rejects.toMatchObject({ kind: "auth" });
    const other = generateKeyPair();
    await expect(connect({ ...opts, port: server.port, password: "pw", fingerprint: fingerprintOfKey(other.public) })).rejects.toMatchObject({
      kind: "host-key-changed",
      fingerprint: fingerprintOfKey(hostKey.public),
    });
  });

  it("reports an unreachable node quickly", async () => {
    const probe = await startServer(
      { hostKey: hostKey.private, checkPassword: async () => false, authorizedKeys: () => [], passwordMethods: [], log: () => undefined, handle: async () => null },
      { host: "127.0.0.1", port: 0 },
    );
    const port = probe.port;
    await probe.close();
    await expect(connect({ ...opts, port, password: "pw" })).rejects.toMatchObject({ kind: "unreachable" });
  });

  it("frames messages by lines", () => {
    const d = new LineDecoder();
    expect(d.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(d.push(":2}\n\n")).toEqual(['{"b":2}']);
  });
});
