// The agent's methods, as called over the pcs-lite subsystem.
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../host/atomic.js";
import { fingerprintOfKey } from "../transport/keys.js";
import { PROTOCOL_VERSION, RpcError } from "../transport/protocol.js";
import type { Session } from "../transport/server.js";
import type { Logger } from "./log.js";
import { NOT_MEMBER } from "./membership/membership.js";
import { isControllerMethod, type NodeEngine } from "./node.js";
import { addAuthorizedKey, removeClusterFiles, setEnabled, type PeerFile, type StateFiles } from "./state.js";

type Params = Record<string, unknown>;

const str = (p: Params, key: string): string => {
  const v = p[key];
  if (typeof v !== "string") throw new RpcError("BAD_REQUEST", `parameter '${key}' must be a string`);
  return v;
};

export const PASSWORD_METHODS = ["hello", "auth"] as const;

export function makeHandler(files: StateFiles, node: NodeEngine, hostPublicKey: string, log: Logger) {
  const methods: Record<string, (p: Params, s: Session) => Promise<unknown> | unknown> = {
    hello: () => ({
      protocol: PROTOCOL_VERSION,
      fingerprint: fingerprintOfKey(hostPublicKey),
      node: node.config()?.localName ?? null,
      cluster: node.config()?.clusterName ?? null,
    }),
    auth: (p, s) => {
      addAuthorizedKey(files, str(p, "publicKey"));
      log("auth.key-installed", { remote: s.remote });
      return { fingerprint: fingerprintOfKey(hostPublicKey) };
    },
    "cluster.status": () => node.status(),
    "cluster.setup": async (p) => {
      if (node.config() && p.force !== true) {
        throw new RpcError("ALREADY_IN_CLUSTER", `${node.config()!.localName}: The host seems to be in a cluster already`);
      }
      await node.stop();
      removeClusterFiles(files);
      const peers = p.peers as PeerFile;
      const key = p.clusterKey as { private: string; public: string };
      writeFileAtomic(files.clusterKey, key.private, 0o600);
      writeFileAtomic(files.clusterKey + ".pub", key.public + "\n", 0o644);
      writeFileAtomic(files.peers, JSON.stringify(peers, null, 2) + "\n", 0o600);
      writeFileAtomic(files.corosync, str(p, "corosyncConf"), 0o644);
      node.store.replace(str(p, "cib"));
      node.reload();
      log("cluster.setup", { cluster: node.config()?.clusterName, node: peers.localName });
      return { ok: true };
    },
    "cluster.start": () => {
      node.start();
      return { ok: true };
    },
    "cluster.stop": async () => {
      await node.stop();
      return { ok: true };
    },
    "cluster.enable": () => {
      if (!node.config()) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
      setEnabled(files, true);
      log("cluster.enabled", {});
      return { ok: true };
    },
    "cluster.disable": () => {
      setEnabled(files, false);
      log("cluster.disabled", {});
      return { ok: true };
    },
    "cluster.destroy": async () => {
      await node.destroy();
      return { ok: true };
    },
    "cluster.corosync": () => {
      if (!node.config()) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
      return { text: readCorosync(files) };
    },
    "cluster.key": () => {
      if (!node.config()) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
      return { private: readFileSync(files.clusterKey, "utf8"), public: readFileSync(files.clusterKey + ".pub", "utf8").trim() };
    },
    "cluster.update": async (p) => {
      const current = node.config();
      if (!current) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
      const peers: PeerFile = { localName: current.localName, peers: p.peers as PeerFile["peers"] };
      writeFileAtomic(files.peers, JSON.stringify(peers, null, 2) + "\n", 0o600);
      writeFileAtomic(files.corosync, str(p, "corosyncConf"), 0o644);
      await node.reconfigure();
      log("cluster.reconfigured", { nodes: node.config()?.nodes.map((n) => n.name) });
      return { ok: true };
    },
    "cib.get": async (p) => ({ xml: await node.getCib(p.local === true) }),
    "cib.patch": (p) => node.patch(str(p, "patch"), p.forwarded === true, typeof p.origin === "string" ? p.origin : undefined),
    "peer.heartbeat": (p) => {
      const from = str(p, "from");
      // it holds the cluster key, but we cannot verify it: no member, whatever it says (see membership.ts)
      const distrust = node.membership()?.distrust(from);
      if (distrust) throw new RpcError(NOT_MEMBER, `${node.config()?.localName ?? "a peer"} excludes ${from}: ${distrust}`);
      if (node.membership()?.blocked(from)) throw new RpcError("PARTITIONED", `${node.config()?.localName ?? "a peer"} is cut off from ${from}`);
      return node.onHeartbeat(from, p as never);
    },
    "peer.leaving": (p) => {
      node.membership()?.leaving(str(p, "from"));
      return { ok: true };
    },
    "peer.store": (p) => {
      if (typeof p.from === "string" && node.membership()?.blocked(p.from)) throw new RpcError("PARTITIONED", `${node.config()?.localName ?? "a peer"} is cut off from ${p.from}`);
      return node.onStore(str(p, "xml"));
    },
  };
  return async (method: string, params: unknown, session: Session): Promise<unknown> => {
    if (isControllerMethod(method)) return node.controllerCall(method, params ?? {});
    const fn = methods[method];
    if (!fn) throw new RpcError("UNKNOWN_METHOD", `unknown method '${method}'`);
    if (method.startsWith("peer.") && !node.config()) throw new RpcError("NOT_IN_CLUSTER", "this node is not in a cluster");
    return fn((params ?? {}) as Params, session);
  };
}

function readCorosync(files: StateFiles): string {
  return readFileSync(files.corosync, "utf8");
}
