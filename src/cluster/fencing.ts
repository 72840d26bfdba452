// The fencer on one node, joined to the cluster: the device actions it runs for the DC (fence.exec),
// the history every node keeps a copy of (fence.record), and, on the DC, the requests of pcs
// (fence.request, fence.confirm, history cleanup and update). A node that learns it was fenced
// leaves the cluster at once, as Pacemaker's controller exits when it hears it was shot.
import type { XmlElement } from "../cib/xml.js";
import { RpcError } from "../transport/protocol.js";
import { createFencer } from "./fencer/fencer.js";
import type { DeviceActionRequest, DeviceActionResult, FenceAction, FenceHistoryEntry } from "./fencer/types.js";
import type { Logger } from "./log.js";
import type { ClusterNode } from "./membership/membership.js";

export interface FencingDeps {
  log: Logger;
  localName(): string;
  nodes(): ClusterNode[];
  members(): ReadonlySet<string>;
  cib(): XmlElement | undefined;
  call<T>(node: string, method: string, params: unknown, timeoutMs: number): Promise<T>;
  /** The DC's controller learns of fencing it did not run itself. */
  onFenced(entry: FenceHistoryEntry): Promise<void>;
  /** We were fenced: leave the cluster now. */
  onSelfFenced(by: FenceHistoryEntry): void;
}

/** Time allowed past a device action's own timeout for the answer to come back. */
const EXEC_GRACE_MS = 7000;
const CALL_MS = 5000;
const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;

export function createFencingService(d: FencingDeps) {
  const others = () => [...d.members()].filter((n) => n !== d.localName());

  const fencer = createFencer({
    log: d.log,
    localName: d.localName,
    members: d.members,
    cib: d.cib,
    runOn: (node: string, req: DeviceActionRequest) =>
      node === d.localName() ? fencer.execute(req) : d.call<DeviceActionResult>(node, "fence.exec", req, req.timeoutMs + EXEC_GRACE_MS),
    broadcast: (entry: FenceHistoryEntry) => {
      for (const node of others()) void d.call(node, "fence.record", { entry }, CALL_MS).catch(() => undefined);
    },
  });

  const known = (target: unknown): string => {
    if (typeof target !== "string" || !d.nodes().some((n) => n.name === target)) {
      throw new RpcError("UNKNOWN_NODE", `Node '${String(target)}' is not a cluster node`);
    }
    return target;
  };

  /** Fencing requested through the DC: by its own transition or by pcs. */
  const fence = async (target: string, action: FenceAction, client: string): Promise<FenceHistoryEntry> => {
    const entry = await fencer.fence({ target, action, origin: d.localName(), client });
    return entry;
  };

  const methods: Record<string, (p: never) => unknown> = {
    "fence.exec": (p: DeviceActionRequest) => fencer.execute(p),
    "fence.record": (p: { entry: FenceHistoryEntry }) => {
      fencer.record(p.entry);
      // an operation asked for before this process started was about an earlier incarnation of us
      if (p.entry.target === d.localName() && p.entry.state === "done" && p.entry.action !== "on" && p.entry.requestedAt >= PROCESS_STARTED_AT) d.onSelfFenced(p.entry);
      return { ok: true };
    },
    "fence.merge": (p: { entries: FenceHistoryEntry[] }) => {
      for (const e of p.entries) fencer.record(e);
      return { ok: true };
    },
    "fence.history": (p: { target?: string }) => ({ entries: fencer.history(p.target) }),
    "fence.forget": (p: { target?: string }) => ({ removed: fencer.cleanup(p.target) }),
    // answered by the DC
    "fence.request": async (p: { target: string; action: FenceAction; client?: string }) => {
      const target = known(p.target);
      const entry = await fence(target, p.action === "off" ? "off" : "reboot", p.client ?? "stonith_admin");
      if (entry.state === "done") await d.onFenced(entry);
      return { entry };
    },
    "fence.confirm": async (p: { target: string; client?: string }) => {
      const target = known(p.target);
      const entry = fencer.confirm(target, d.localName(), p.client ?? "stonith_admin");
      await d.onFenced(entry);
      return { entry };
    },
    "fence.history-cleanup": async (p: { target?: string }) => {
      const removed = fencer.cleanup(p.target);
      await Promise.all(others().map((n) => d.call(n, "fence.forget", { target: p.target }, CALL_MS).catch(() => undefined)));
      return { removed };
    },
    "fence.history-update": async () => {
      const answers = await Promise.all(
        others().map((n) => d.call<{ entries: FenceHistoryEntry[] }>(n, "fence.history", {}, CALL_MS).catch(() => ({ entries: [] }))),
      );
      for (const a of answers) for (const e of a.entries) fencer.record(e);
      await shareHistory(others());
      return { ok: true };
    },
  };

  /** Give nodes the history we hold (a node that joins has none). */
  const shareHistory = async (nodes: string[]) => {
    const entries = fencer.history();
    if (!entries.length) return;
    await Promise.all(nodes.map((n) => d.call(n, "fence.merge", { entries }, CALL_MS).catch(() => undefined)));
  };

  return {
    methods,
    fence,
    shareHistory,
    stop: () => fencer.stop(),
  };
}

export type FencingService = ReturnType<typeof createFencingService>;

/** The methods only the DC answers (any other node forwards them). */
export const FENCING_DC_METHODS = ["fence.request", "fence.confirm", "fence.history-cleanup", "fence.history-update"];
