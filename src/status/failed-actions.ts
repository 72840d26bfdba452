// crm_mon's "Failed Resource Actions": the failure records of the online nodes' histories, in its
// friendly wording (pcs status) or its technical one (pcs status --full).
import { epochText } from "../cib/ctime.js";
import { childElements, type XmlElement } from "../cib/xml.js";

const OCF_RESULTS: Record<number, string> = {
  0: "ok",
  1: "error",
  2: "invalid parameter",
  3: "unimplemented feature",
  4: "insufficient privileges",
  5: "not installed",
  6: "not configured",
  7: "not running",
  8: "promoted",
  9: "promoted (failed)",
  190: "OCF_DEGRADED",
  191: "promoted (degraded)",
};

const EXEC_STATUSES: Record<number, string> = {
  [-1]: "pending",
  0: "complete",
  1: "Cancelled",
  2: "Timed Out",
  3: "NOT SUPPORTED",
  4: "Error",
  5: "Hard error",
  6: "Fatal error",
  7: "Not installed",
  8: "Internal communication failure",
  9: "Cannot execute now",
  10: "No fence device",
  11: "CIB secrets unavailable",
};

export const ocfResultText = (rc: number): string => OCF_RESULTS[rc] ?? "unknown";
export const execStatusText = (status: number): string => EXEC_STATUSES[status] ?? "UNKNOWN!";

/** Pacemaker's readable interval: 1d2h3m4.500s, 30s, 12ms, 0s. */
export function readableInterval(ms: number): string {
  let rest = ms;
  let out = "";
  for (const [unit, size] of [["d", 86400000], ["h", 3600000], ["m", 60000]] as const) {
    if (rest > size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest -= Math.floor(rest / size) * size;
    }
  }
  if (rest > 1000) {
    const ms3 = rest % 1000;
    out += `${Math.floor(rest / 1000)}${ms3 ? "." + String(ms3).padStart(3, "0") : ""}s`;
  } else if (rest > 0) out += `${rest}ms`;
  return out || "0s";
}

function parseKey(key: string): { rsc: string; task: string; interval: number } | undefined {
  const m = /^(.+)_([a-z_-]+?)_(\d+)$/.exec(key);
  if (!m) return undefined;
  // the task itself may contain an underscore (migrate_to): take the longest known task
  for (const task of ["migrate_to", "migrate_from"]) {
    if (key.endsWith(`_${task}_${m[3]}`)) return { rsc: key.slice(0, -(`_${task}_${m[3]}`.length)), task, interval: Number(m[3]) };
  }
  return { rsc: m[1], task: m[2], interval: Number(m[3]) };
}

function friendly(op: XmlElement, node: string): string {
  const parsed = parseKey(op.attrs.operation_key ?? "") ?? { rsc: "unknown resource", task: "unknown action", interval: 0 };
  const rc = Number(op.attrs["rc-code"] ?? "0");
  const status = Number(op.attrs["op-status"] ?? "0");
  const reason = op.attrs["exit-reason"] ?? "";
  let s = `${parsed.rsc} `;
  if (parsed.interval) s += `${readableInterval(parsed.interval)}-interval `;
  s += `${parsed.task === "monitor" && parsed.interval === 0 ? "probe" : parsed.task} on ${node}`;
  if (status === 0) s += ` returned '${ocfResultText(rc)}'${reason ? ` (${reason})` : ""}`;
  else s += ` could not be executed (${execStatusText(status)}${reason ? `: ${reason}` : ""})`;
  const change = Number(op.attrs["last-rc-change"] ?? "");
  if (Number.isFinite(change) && op.attrs["last-rc-change"]) s += ` at ${epochText(change)}`;
  const exec = Number(op.attrs["exec-time"] ?? "0");
  if (exec > 0) s += ` after ${readableInterval(exec)}`;
  return s;
}

function technical(op: XmlElement, node: string): string {
  const rc = Number(op.attrs["rc-code"] ?? "0");
  const status = Number(op.attrs["op-status"] ?? "0");
  let s = `${op.attrs.operation_key || op.attrs.id} on ${node} '${ocfResultText(rc)}' (${rc}): call=${op.attrs["call-id"] || "unknown"}, status='${execStatusText(status)}'`;
  if (op.attrs["exit-reason"]) s += `, exitreason='${op.attrs["exit-reason"]}'`;
  if (op.attrs["last-rc-change"]) s += `, last-rc-change='${epochText(Number(op.attrs["last-rc-change"]))}'`;
  if (op.attrs["queue-time"]) s += `, queued=${op.attrs["queue-time"]}ms`;
  if (op.attrs["exec-time"]) s += `, exec=${op.attrs["exec-time"]}ms`;
  return s;
}

/** The failure records of online nodes, one line each ("  * ..."), in history order. */
export function failedActionLines(cib: XmlElement, online: (node: string) => boolean, options: { technical?: boolean } = {}): string[] {
  const status = childElements(cib, "status")[0];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const state of status ? childElements(status, "node_state") : []) {
    const node = state.attrs.uname ?? "unknown node";
    if (!online(node)) continue;
    for (const lrm of childElements(state, "lrm"))
      for (const resources of childElements(lrm, "lrm_resources"))
        for (const lr of childElements(resources, "lrm_resource"))
          for (const op of childElements(lr, "lrm_rsc_op")) {
            if (!op.attrs.id?.endsWith("_last_failure_0")) continue;
            const key = `${op.attrs.operation_key}\0${node}`;
            if (seen.has(key)) continue;
            seen.add(key);
            lines.push(`  * ${options.technical ? technical(op, node) : friendly(op, node)}`);
          }
  }
  return lines;
}
