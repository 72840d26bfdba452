// The line protocol between the shims an agent runs (crm_attribute, crm_node, ...) and its node's
// executor: one JSON request per connection over a Unix socket in the node's state directory,
// answered by one JSON line.
import { connect } from "node:net";

export type Lifetime = "reboot" | "forever";

export type AttributeRequest =
  | { op: "update"; node?: string; name: string; value?: string; lifetime: Lifetime }
  | { op: "query"; node?: string; name: string; lifetime: Lifetime }
  | { op: "nodes" }
  | { op: "local" };

export interface NodeEntry {
  name: string;
  id: string;
  member: boolean;
}

export type AttributeReply =
  | { ok: true; value?: string; nodes?: NodeEntry[]; name?: string }
  | { ok: false; error: string };

/** The variable that tells an agent's shims where its node's socket is. */
export const SOCKET_VARIABLE = "PCS_LITE_ATTRD_SOCKET";

const CALL_TIMEOUT_MS = 15000;

export function callAttributeSocket(path: string, request: AttributeRequest, timeoutMs = CALL_TIMEOUT_MS): Promise<AttributeReply> {
  return new Promise((resolve) => {
    let buffer = "";
    let done = false;
    const finish = (reply: AttributeReply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const socket = connect(path);
    const timer = setTimeout(() => finish({ ok: false, error: "Connection timed out" }), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(JSON.stringify(request) + "\n"));
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf("\n");
      if (nl < 0) return;
      try {
        finish(JSON.parse(buffer.slice(0, nl)) as AttributeReply);
      } catch {
        finish({ ok: false, error: "Protocol error" });
      }
    });
    socket.on("error", (e: NodeJS.ErrnoException) => finish({ ok: false, error: e.code === "ENOENT" || e.code === "ECONNREFUSED" ? "Transport endpoint is not connected" : e.message }));
    socket.on("close", () => finish({ ok: false, error: "Transport endpoint is not connected" }));
  });
}
