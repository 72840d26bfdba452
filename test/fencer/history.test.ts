// The fencing history store: one entry per operation, the most complete version winning, cleanup and size bounds.
import { createFenceHistory } from "../../src/cluster/fencer/history";
import type { FenceHistoryEntry } from "../../src/cluster/fencer/types";

const entry = (id: string, over: Partial<FenceHistoryEntry> = {}): FenceHistoryEntry => ({
  id,
  target: "node2",
  action: "reboot",
  origin: "node1",
  client: "pacemaker-controld.1",
  state: "done",
  requestedAt: 1000,
  completedAt: 2000,
  ...over,
});

describe("fence history", () => {
  test("an update replaces the pending entry; a late pending or older result does not replace a finished one", () => {
    const h = createFenceHistory();
    h.record(entry("a", { state: "pending", completedAt: undefined }));
    h.record(entry("a", { state: "failed", completedAt: 3000, exitReason: "timeout" }));
    h.record(entry("a", { state: "pending", completedAt: undefined }));
    h.record(entry("a", { state: "done", completedAt: 2500 }));
    expect(h.list()).toEqual([entry("a", { state: "failed", completedAt: 3000, exitReason: "timeout" })]);
    h.record(entry("a", { state: "done", completedAt: 4000, delegate: "node3" }));
    expect(h.get("a")).toMatchObject({ state: "done", delegate: "node3" });
  });

  test("lists pending first, then newest finished first; by target", () => {
    const h = createFenceHistory();
    h.merge([entry("old", { completedAt: 2000 }), entry("new", { completedAt: 5000 }), entry("p", { state: "pending", completedAt: undefined }), entry("other", { target: "node3", completedAt: 9000 })]);
    expect(h.list().map((e) => e.id)).toEqual(["p", "other", "new", "old"]);
    expect(h.list("node2").map((e) => e.id)).toEqual(["p", "new", "old"]);
    // callers get copies
    h.list()[0].state = "failed";
    expect(h.get("p")?.state).toBe("pending");
  });

  test("cleanup removes finished entries only, of one target or all", () => {
    const h = createFenceHistory();
    h.merge([entry("a"), entry("b", { state: "failed" }), entry("c", { target: "node3" }), entry("p", { state: "pending", completedAt: undefined })]);
    expect(h.cleanup("node2")).toBe(2);
    expect(h.list().map((e) => e.id)).toEqual(["p", "c"]);
    expect(h.cleanup()).toBe(1);
    expect(h.cleanup()).toBe(0);
    expect(h.list().map((e) => e.id)).toEqual(["p"]);
  });

  test("past its bound the older half of the finished entries goes, pending ones stay", () => {
    const h = createFenceHistory(10);
    h.record(entry("pending", { state: "pending", requestedAt: 1, completedAt: undefined }));
    for (let i = 1; i <= 10; i++) h.record(entry(`e${i}`, { completedAt: 1000 + i }));
    const ids = h.list().map((e) => e.id);
    expect(ids).toEqual(["pending", "e10", "e9", "e8", "e7"]);
  });
});
