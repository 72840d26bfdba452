// crm_mon's "Failed Resource Actions": the failure records of the online nodes' histories, in its
// friendly wording (pcs status) or its technical one (pcs status --full).
import { execStatusText, ocfResultText, readableInterval } from "../agents/exec/texts.js";
import { epochText } from "../cib/ctime.js";
import { childElements, type XmlElement } from "../cib/xml.js";
import { isShownFailure } from "../cib/failure-record.js";

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

/** The failure records of the online nodes' histories, in history order (one per operation and node). */
export function shownFailures(cib: XmlElement, online: (node: string) => boolean): { op: XmlElement; node: string }[] {
  const status = childElements(cib, "status")[0];
  const found: { op: XmlElement; node: string }[] = [];
  const seen = new Set<string>();
  for (const state of status ? childElements(status, "node_state") : []) {
    const node = state.attrs.uname ?? "unknown node";
    if (!online(node)) continue;
    for (const lrm of childElements(state, "lrm"))
      for (const resources of childElements(lrm, "lrm_resources"))
        for (const lr of childElements(resources, "lrm_resource"))
          for (const op of childElements(lr, "lrm_rsc_op")) {
            if (!op.attrs.id?.endsWith("_last_failure_0") || !isShownFailure(op)) continue;
            const key = `${op.attrs.operation_key}\0${node}`;
            if (seen.has(key)) continue;
            seen.add(key);
            found.push({ op, node });
          }
  }
  return found;
}

/** The failure records of online nodes, one line each ("  * ..."), in history order. */
export function failedActionLines(cib: XmlElement, online: (node: string) => boolean, options: { technical?: boolean } = {}): string[] {
  return shownFailures(cib, online).map(({ op, node }) => `  * ${options.technical ? technical(op, node) : friendly(op, node)}`);
}
