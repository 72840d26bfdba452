// The agent protocol's methods answered on a Pacemaker node by Pacemaker's own tools: the CIB through
// cibadmin (a client's patch is checked against the CIB it was made from, then pushed as the local
// backend pushes its edits), status and waiting through crm_node, crm_mon's CIB and crm_resource,
// fencing through stonith_admin. Setting up, starting, stopping or destroying the cluster is refused:
// that is corosync's and pcsd's business, done with real pcs.
import { applyVersionedPatch } from "../cib/patch.js";
import { parseXml } from "../cib/xml-parse.js";
import { cloneElement, serializeXml, type XmlElement } from "../cib/xml.js";
import { applyEdit, type PacemakerSink } from "../env/pacemaker/apply.js";
import { queryCib } from "../env/pacemaker/cib.js";
import { confirmFenced, fenceHistory, fenceNode } from "../env/pacemaker/fencing.js";
import type { Tools } from "../env/pacemaker/tools.js";
import { ReportedError } from "../report/index.js";
import { fingerprintOfKey } from "../transport/keys.js";
import { PROTOCOL_VERSION, RpcError } from "../transport/protocol.js";
import type { Session } from "../transport/server.js";
import { clusterName, clusterNodes, corosyncText, dcOf, isQuorate, localNodeName, totemToken, versionOf } from "./facts.js";
import { idleProbe } from "./idle.js";

type Params = Record<string, unknown>;
export type Method = (params: Params, session: Session) => Promise<unknown> | unknown;

/** What a request may spend on Pacemaker's tools: below the server's own 60 s request timeout. */
export const REQUEST_BUDGET_MS = 55000;
/** A client patch that met a CIB changed only by the cluster's own status updates is tried again. */
const PUSH_ATTEMPTS = 5;

export interface PacemakerMethodsOptions {
  tools: Tools;
  hostPublicKey: string;
  addAuthorizedKey(publicKey: string): void;
  log(event: string, fields?: Record<string, unknown>): void;
}

const str = (p: Params, key: string): string => {
  const v = p[key];
  if (typeof v !== "string") throw new RpcError("BAD_REQUEST", `parameter '${key}' must be a string`);
  return v;
};

/** Methods of a pcs-lite cluster's life that a Pacemaker cluster leaves to corosync, pacemakerd and pcsd. */
const REFUSED: Record<string, string> = {
  "cluster.setup": "set up a cluster or add nodes",
  "cluster.update": "change the cluster's nodes",
  "cluster.key": "add nodes",
  "cluster.start": "start the cluster",
  "cluster.stop": "stop the cluster",
  "cluster.enable": "enable the cluster",
  "cluster.disable": "disable the cluster",
  "cluster.destroy": "destroy the cluster",
};

export function pacemakerMethods(o: PacemakerMethodsOptions): Record<string, Method> {
  const { tools } = o;
  const budget = () => {
    const deadline = Date.now() + REQUEST_BUDGET_MS;
    return () => Math.max(1, deadline - Date.now());
  };
  const readCib = async (): Promise<XmlElement> => queryCib(tools, REQUEST_BUDGET_MS);
  const idle = idleProbe(tools, readCib);

  const hello = async () => {
    const [node, nodes] = await Promise.all([localNodeName(tools, REQUEST_BUDGET_MS), clusterNodes(tools, REQUEST_BUDGET_MS)]);
    return {
      protocol: PROTOCOL_VERSION,
      fingerprint: fingerprintOfKey(o.hostPublicKey),
      backend: "pacemaker",
      node: node ?? null,
      cluster: clusterName() ?? null,
      nodes: nodes.map((n) => n.name),
    };
  };

  const status = async () => {
    const [node, nodes, quorate, cib] = await Promise.all([
      localNodeName(tools, REQUEST_BUDGET_MS),
      clusterNodes(tools, REQUEST_BUDGET_MS),
      isQuorate(tools, REQUEST_BUDGET_MS),
      readCib(),
    ]);
    return {
      backend: "pacemaker",
      node: node ?? null,
      cluster: clusterName(cib) ?? null,
      running: true,
      members: nodes.filter((n) => n.state === "member").map((n) => n.name),
      quorate,
      dc: dcOf(cib),
      nodes: nodes.map((n) => ({ name: n.name, nodeid: n.nodeid })),
      version: versionOf(cib),
      quorumNeeded: Math.floor(nodes.length / 2) + 1,
      token: totemToken(),
    };
  };

  /** The client's patch, made from the CIB it read, onto the CIB as it is now. */
  const patch = async (p: Params) => {
    const change = parseXml(str(p, "patch"));
    const remaining = budget();
    const sink: PacemakerSink = { tools, remaining, trace: () => undefined };
    for (let attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      const original = await queryCib(tools, remaining());
      const edited = cloneElement(original);
      if (applyVersionedPatch(edited, change) === "conflict") throw new RpcError("CIB_CONFLICT", "the CIB changed since the patch was made");
      // the push counts the version itself, from the CIB it is pushed onto
      for (const a of ["admin_epoch", "epoch", "num_updates"]) {
        if (original.attrs[a] === undefined) delete edited.attrs[a];
        else edited.attrs[a] = original.attrs[a];
      }
      if ((await applyEdit(sink, original, edited)) === "applied") {
        const now = await queryCib(tools, remaining());
        return { version: versionOf(now) };
      }
      o.log("cib.patch.retry", { attempt });
    }
    throw new RpcError("CIB_CONFLICT", "the CIB kept changing while the patch was pushed");
  };

  // the CLI names the node in front of the message
  const refusal = (method: string) => () => {
    const name = clusterName();
    throw new RpcError(
      "PACEMAKER_CLUSTER",
      `the node runs Pacemaker${name ? ` (cluster '${name}')` : ""}, served by pcs-agent --backend pacemaker: ` +
        `to ${REFUSED[method]}, use real pcs with pcsd on the cluster's nodes`,
    );
  };

  const methods: Record<string, Method> = {
    hello,
    auth: (p, s) => {
      o.addAuthorizedKey(str(p, "publicKey"));
      o.log("auth.key-installed", { remote: s.remote });
      return { fingerprint: fingerprintOfKey(o.hostPublicKey) };
    },
    "cib.get": async () => ({ xml: serializeXml(await readCib()) }),
    "cib.patch": patch,
    "cluster.status": status,
    "cluster.corosync": () => {
      const text = corosyncText();
      if (text === undefined) throw new RpcError("NOT_IN_CLUSTER", "this node has no corosync.conf");
      return { text };
    },
    "controller.state": () => idle(),
    "fence.history": async () => ({ entries: await fenceHistory(tools, REQUEST_BUDGET_MS) }),
    "fence.request": (p) => fenceNode(tools, REQUEST_BUDGET_MS, p as Parameters<typeof fenceNode>[2]),
    "fence.confirm": (p) => confirmFenced(tools, REQUEST_BUDGET_MS, p as Parameters<typeof confirmFenced>[2]),
  };
  for (const method of Object.keys(REFUSED)) methods[method] = refusal(method);
  return methods;
}

/** A tool's failure as the protocol's error: pcs's text, with a code the CLI can act on. */
export function asRpcError(e: unknown): unknown {
  if (!(e instanceof ReportedError)) return e;
  const message = e.reports.map((r) => r.message).join("\n") || e.message;
  return new RpcError(message === "unable to get cib" ? "NO_CIB" : "PACEMAKER_ERROR", message);
}

export const PASSWORD_METHODS = ["hello", "auth"] as const;
