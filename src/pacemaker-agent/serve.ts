// `pcs-agent --backend pacemaker --state-dir DIR --listen ADDR:PORT`: the agent's SSH server on a node
// of a real Pacemaker cluster. Keys, password and authorized clients live in DIR as for the embedded
// agent; every request is answered by running Pacemaker's tools on this node (methods.ts).
import { processRunner } from "../host/runner.js";
import { makeLogger } from "../cluster/log.js";
import { addAuthorizedKey, checkPassword, ensureStateDir, hostKeyPair, readAuthorizedKeys } from "../cluster/state.js";
import { pacemakerTools } from "../env/pacemaker/tools.js";
import { publicBlobs } from "../transport/keys.js";
import { RpcError } from "../transport/protocol.js";
import { startServer } from "../transport/server.js";
import { asRpcError, pacemakerMethods, PASSWORD_METHODS } from "./methods.js";

export interface PacemakerAgentOptions {
  stateDir: string;
  host: string;
  port: number;
}

export async function servePacemakerAgent(options: PacemakerAgentOptions): Promise<void> {
  const files = ensureStateDir(options.stateDir);
  const log = makeLogger({ pid: process.pid, backend: "pacemaker" });
  const hostKey = hostKeyPair(files);
  const tools = pacemakerTools(processRunner);
  const methods = pacemakerMethods({ tools, hostPublicKey: hostKey.public, addAuthorizedKey: (key) => addAuthorizedKey(files, key), log });
  const authorizedKeys = () => publicBlobs(readAuthorizedKeys(files));
  const server = await startServer(
    {
      hostKey: hostKey.private,
      checkPassword: (user, password) => checkPassword(files, user, password),
      authorizedKeys,
      handle: async (method, params, session) => {
        const fn = methods[method];
        if (!fn) throw new RpcError(method.startsWith("peer.") ? "NOT_IN_CLUSTER" : "UNKNOWN_METHOD", `unknown method '${method}'`);
        try {
          return await fn((params ?? {}) as Record<string, unknown>, session);
        } catch (e) {
          throw asRpcError(e);
        }
      },
      passwordMethods: PASSWORD_METHODS,
      log,
      requestTimeoutMs: 60000,
    },
    { host: options.host, port: options.port },
  );
  log("agent.listening", { host: options.host, port: server.port, stateDir: options.stateDir });
  const shutdown = () => {
    log("agent.stopping", {});
    const exit = setTimeout(() => process.exit(0), 3000);
    void server.close().finally(() => {
      clearTimeout(exit);
      process.exit(0);
    });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
