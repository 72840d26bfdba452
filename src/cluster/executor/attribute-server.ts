// The node's end of the shims' socket: answers their requests from the AttributeService. The
// socket is the owner's only (0600, in the 0700 state directory).
import { chmodSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import type { AttributeReply, AttributeRequest } from "./attribute-protocol.js";
import type { AttributeService } from "./types.js";

const MAX_REQUEST_BYTES = 64 * 1024;
const IDLE_MS = 30000;

async function answer(attributes: AttributeService, req: AttributeRequest): Promise<AttributeReply> {
  switch (req.op) {
    case "local":
      return { ok: true, name: attributes.localName() };
    case "nodes":
      return { ok: true, nodes: await attributes.nodes() };
    case "query": {
      if (typeof req.name !== "string") return { ok: false, error: "name required" };
      const value = await attributes.query({ node: req.node || attributes.localName(), name: req.name, lifetime: req.lifetime === "forever" ? "forever" : "reboot" });
      return value === undefined ? { ok: true } : { ok: true, value };
    }
    case "update": {
      if (typeof req.name !== "string") return { ok: false, error: "name required" };
      const value = typeof req.value === "string" ? req.value : undefined;
      await attributes.update({ node: req.node || attributes.localName(), name: req.name, value, lifetime: req.lifetime === "forever" ? "forever" : "reboot" });
      return { ok: true };
    }
    default:
      return { ok: false, error: "unknown request" };
  }
}

export interface AttributeServer {
  ready: Promise<void>;
  close(): Promise<void>;
}

export function startAttributeServer(path: string, attributes: AttributeService, log: (event: string, data: object) => void): AttributeServer {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding("utf8");
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    let buffer = "";
    let answered = false;
    socket.on("data", (chunk: string) => {
      if (answered) return;
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) return void socket.destroy();
      const nl = buffer.indexOf("\n");
      if (nl < 0) return;
      answered = true;
      let req: AttributeRequest;
      try {
        req = JSON.parse(buffer.slice(0, nl)) as AttributeRequest;
      } catch {
        return void socket.end(JSON.stringify({ ok: false, error: "Protocol error" }) + "\n");
      }
      answer(attributes, req).then(
        (reply) => socket.end(JSON.stringify(reply) + "\n"),
        (e: unknown) => {
          log("executor.attribute-failed", { request: req, message: (e as Error).message });
          socket.end(JSON.stringify({ ok: false, error: (e as Error).message }) + "\n");
        },
      );
    });
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  rmSync(path, { force: true });
  const ready = new Promise<void>((resolve) => {
    server.once("error", (e) => {
      log("executor.socket-failed", { path, message: e.message });
      resolve();
    });
    server.listen(path, () => {
      try {
        chmodSync(path, 0o600);
      } catch {
        // the directory's 0700 still keeps others out
      }
      resolve();
    });
  });
  return {
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
        if (!server.listening) {
          rmSync(path, { force: true });
          resolve();
        }
      }),
  };
}
