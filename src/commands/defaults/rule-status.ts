// Whether the rule of each defaults set is in effect, as `crm_rule --check` tells (pcs labels the sets
// "expired" / "not yet in effect" from it). crm_rule is run from Pacemaker's sbin directory, as pcs
// runs it, so a caller without PATH (pcs's own tests run pcs with LC_ALL alone) gets the same answer.
import { join } from "node:path";
import type { Runner } from "../../host/runner.js";
import { sbinDir } from "../../env/pacemaker/tools.js";

export type RuleStatus = "in effect" | "expired" | "not yet in effect" | "unknown";

const CRM_RULE_TIMEOUT_MS = 30_000;
const STATUS_BY_EXIT: Record<number, RuleStatus> = { 0: "in effect", 110: "expired", 111: "not yet in effect" };

export async function ruleStatus(runner: Runner, cibXml: string, ruleId: string): Promise<RuleStatus> {
  const result = await runner(join(sbinDir(), "crm_rule"), ["--check", "--rule", ruleId, "--xml-text", "-"], {
    stdin: cibXml,
    timeoutMs: CRM_RULE_TIMEOUT_MS,
  });
  return result.timedOut ? "unknown" : (STATUS_BY_EXIT[result.code] ?? "unknown");
}

/** The status of every rule id given, checked side by side. */
export async function ruleStatuses(runner: Runner, cibXml: string, ruleIds: readonly string[]): Promise<Map<string, RuleStatus>> {
  const statuses = await Promise.all(ruleIds.map((id) => ruleStatus(runner, cibXml, id)));
  return new Map(ruleIds.map((id, i) => [id, statuses[i]]));
}
