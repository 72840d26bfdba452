// Which failure records of a node's operation history count as failures: what crm_mon lists and
// what cleanup has to clear (shared by the status display and the Pacemaker backend).
import type { XmlElement } from "./xml.js";

/** crm_mon's words for what a probe found: running (0) or promoted (8) is news, not a failure. */
const PROBE_FINDINGS = new Set([0, 7, 8]);

/** An operation whose result the executor reports as done or failed (others: timeouts, not installed, ...). */
const resultDecides = (status: string): boolean => status === "0" || status === "4";

/**
 * Whether a `<rsc>_last_failure_0` record is one crm_mon lists. The controller records a probe
 * that finds the resource active as a "failure" (it expected not running); the scheduler takes it as
 * the resource's state (unpack.c, remap_operation), so nobody shows it.
 */
export function isShownFailure(op: XmlElement): boolean {
  const status = op.attrs["op-status"] ?? "0";
  if (!resultDecides(status)) return status !== "-1" && status !== "1";
  const rc = Number(op.attrs["rc-code"] ?? "0");
  const probe = op.attrs.operation === "monitor" && (op.attrs.interval ?? "0") === "0";
  if (probe && PROBE_FINDINGS.has(rc)) return false;
  const key = (op.attrs["transition-key"] ?? "").split(":");
  return !(key.length >= 4 && /^\d+$/.test(key[2]) && Number(key[2]) === rc);
}
