// The agents' fencing methods (fence.request, fence.confirm, fence.history) answered by Pacemaker's
// fencer through stonith_admin, as pcs runs it: -B/-F to fence, -C to confirm, --history.
import type { FenceAction, FenceHistoryEntry, FenceState } from "../../transport/fencing-types.js";
import { parseXml } from "../../cib/xml-parse.js";
import { childElements, type XmlElement } from "../../cib/xml.js";
import { fail } from "../../report/index.js";
import { CRM_EX, failIfNotRun, joinedOutput, type Tools } from "./tools.js";

/** crm_time's "2026-12-07 00:40:00Z" (or with an offset) as epoch ms. */
const parseCrmTime = (text: string | undefined): number | undefined => {
  if (!text) return undefined;
  const ms = Date.parse(text.trim().replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
};

const STATES: Record<string, FenceState> = { success: "done", failed: "failed", pending: "pending" };

function entryOf(event: XmlElement, index: number): FenceHistoryEntry {
  const completedAt = parseCrmTime(event.attrs.completed);
  return {
    // stonith_admin shows no operation ids: the position is unique within one answer
    id: `${event.attrs.target ?? ""}-${event.attrs.completed ?? "pending"}-${index}`,
    target: event.attrs.target ?? "",
    action: (event.attrs.action ?? "reboot") as FenceAction,
    origin: event.attrs.origin ?? "",
    client: event.attrs.client ?? "",
    delegate: event.attrs.delegate,
    state: STATES[event.attrs.status ?? ""] ?? "pending",
    // the fencer keeps no request time in its output; the completion (or now) stands for it
    requestedAt: completedAt ?? Date.now(),
    completedAt,
    exitReason: event.attrs["exit-reason"],
  };
}

export async function fenceHistory(tools: Tools, timeoutMs: number, target = "*"): Promise<FenceHistoryEntry[]> {
  const result = await tools.run("stonith_admin", ["--history", target, "--output-as=xml"], { timeoutMs });
  failIfNotRun("stonith_admin", result, timeoutMs);
  if (result.code !== CRM_EX.OK) fail("GENERIC", { text: joinedOutput(result) || `stonith_admin exited with ${result.code}` });
  const answer = parseXml(result.stdout);
  const list = childElements(answer, "list").find((l) => l.attrs.name === "fencing history");
  return (list ? childElements(list, "fence_event") : []).map(entryOf);
}

/** stonith_admin's own words on a failure, as pcs passes them on. */
const adminFailure = (output: string, code: number): never => fail("GENERIC", { text: output || `stonith_admin exited with ${code}` });

/** A finished operation as the fencer just reported it, the newest for `target` when history has it. */
async function newestEntry(tools: Tools, timeoutMs: number, target: string, action: FenceAction, client: string): Promise<FenceHistoryEntry> {
  let entries: FenceHistoryEntry[] = [];
  try {
    entries = await fenceHistory(tools, timeoutMs, target);
  } catch {
    // the fencing itself succeeded; its record is a detail
  }
  const newest = entries.filter((e) => e.state === "done").sort((a, b) => (b.completedAt ?? 0) - (a.completedAt ?? 0))[0];
  return newest ?? { id: `${target}-${Date.now()}`, target, action, origin: "", client, state: "done", requestedAt: Date.now(), completedAt: Date.now() };
}

export async function fenceNode(tools: Tools, timeoutMs: number, p: { target: string; action: FenceAction; client: string }): Promise<{ entry: FenceHistoryEntry }> {
  const flag = p.action === "off" ? "--fence" : p.action === "on" ? "--unfence" : "--reboot";
  const result = await tools.run("stonith_admin", [flag, p.target], { timeoutMs });
  failIfNotRun("stonith_admin", result, timeoutMs);
  if (result.code !== CRM_EX.OK) adminFailure(joinedOutput(result), result.code);
  return { entry: await newestEntry(tools, timeoutMs, p.target, p.action, p.client) };
}

export async function confirmFenced(tools: Tools, timeoutMs: number, p: { target: string; client: string }): Promise<{ entry: FenceHistoryEntry }> {
  const result = await tools.run("stonith_admin", ["--confirm", p.target], { timeoutMs });
  failIfNotRun("stonith_admin", result, timeoutMs);
  if (result.code !== CRM_EX.OK) adminFailure(joinedOutput(result), result.code);
  return { entry: await newestEntry(tools, timeoutMs, p.target, "off", p.client) };
}
