// The library part of `resource create` / `stonith create`: validate everything about a new
// primitive, then build it (pure: the CIB in, edits and reports out).
import type { LoadedAgent } from "../../agents/load.js";
import { defaultOperations } from "../../agents/defaults.js";
import { fullName } from "../../agents/name.js";
import { validateCreateAttrs } from "../../agents/validate.js";
import { canSelfValidate, runSelfValidation, selfValidationReports } from "../../agents/self-validate.js";
import type { AgentSources } from "../../agents/sources.js";
import { section } from "../../cib/document.js";
import { IdIndex, validateId } from "../../cib/ids.js";
import {
  completeOperation,
  normalizeOperation,
  uniquifyIntervals,
  validateDifferentIntervals,
  validateOperation,
  type OperationInput,
} from "../../cib/operations.js";
import { appendPrimitive, disableResource } from "../../cib/primitive.js";
import { createdNodeConflicts } from "../../cib/remote-node.js";
import type { XmlElement } from "../../cib/xml.js";
import { error, forceableError, info, ReportedError, type Reports } from "../../report/index.js";

export interface NewPrimitive {
  id: string;
  agent: LoadedAgent;
  operations: OperationInput[];
  meta: Record<string, string>;
  attrs: Record<string, string>;
  useDefaultOperations: boolean;
  disabled: boolean;
  /** "resource" or "stonith": used in id messages. */
  kind?: string;
  /** checkSpecialCases ran already (the wrapping commands run it first, as pcs does). */
  specialCasesChecked?: boolean;
  /** --agent-validation: also ask the agent (validate-all). */
  agentValidation?: { sources: AgentSources };
}

/** Whether the CIB's schema knows Promoted/Unpromoted (pacemaker-3.7 and later). */
export const newRoleNamesSupported = (cib: XmlElement): boolean => schemaAtLeast(cib, 3, 7);

/** The newest CIB schema pacemaker 2.1.5 knows; `cibadmin --upgrade` moves a CIB to it. */
export const LATEST_SCHEMA = "pacemaker-3.9";

const schemaAtLeast = (cib: XmlElement, major: number, minor: number): boolean => {
  const match = /^pacemaker-(\d+)\.(\d+)/.exec(cib.attrs["validate-with"] ?? "");
  if (!match) return false;
  return Number(match[1]) > major || (Number(match[1]) === major && Number(match[2]) >= minor);
};

/**
 * on-fail=demote needs schema pacemaker-3.4: pcs upgrades the CIB first, as `cibadmin --upgrade`
 * does (admin_epoch + 1, epoch back to 1). Returns whether it upgraded.
 */
export function upgradeForOnFailDemote(cib: XmlElement, operations: readonly Record<string, string>[]): boolean {
  if (!operations.some((op) => op["on-fail"] === "demote") || schemaAtLeast(cib, 3, 4)) return false;
  cib.attrs["validate-with"] = LATEST_SCHEMA;
  cib.attrs.admin_epoch = String(Number(cib.attrs.admin_epoch ?? 0) + 1);
  cib.attrs.epoch = "1";
  cib.attrs.num_updates = "0";
  return true;
}

const failNow = (item: ReturnType<typeof error>): never => {
  throw new ReportedError([item], false);
};

/**
 * pcs refuses to make remote and guest nodes with plain create (forceable), and even forced they must
 * not take the name or address of another node.
 */
export function checkSpecialCases(cib: XmlElement, spec: NewPrimitive, reports: Reports): void {
  const name = spec.agent.metadata.name;
  const isRemoteAgent = name.standard === "ocf" && name.provider === "pacemaker" && name.type === "remote";
  if (isRemoteAgent) reports.add(forceableError("USE_COMMAND_NODE_ADD_REMOTE", undefined as never));
  if ("remote-node" in spec.meta) reports.add(forceableError("USE_COMMAND_NODE_ADD_GUEST", undefined as never));
  reports.add(...createdNodeConflicts(cib, new IdIndex(cib), { id: spec.id, isRemoteAgent, attrs: spec.attrs, meta: spec.meta }));
  reports.throwIfErrors();
}

/** Validated, complete operation list for a new primitive (entered ones, then remaining defaults). */
export function prepareOperations(spec: NewPrimitive, newRoles: boolean, reports: Reports): OperationInput[] {
  const metadata = spec.agent.metadata;
  const entered = spec.operations.map(normalizeOperation);
  const allowedNames = metadata.actions.map((a) => a.name);
  for (const op of spec.operations) reports.add(...validateOperation(op, allowedNames));
  reports.add(...validateDifferentIntervals(entered));
  reports.throwIfErrors();
  const enteredNames = new Set(entered.map((op) => op.name));
  const remaining = defaultOperations(metadata, !spec.useDefaultOperations).filter((op) => !enteredNames.has(op.name));
  const unique = uniquifyIntervals(remaining);
  reports.add(...unique.reports);
  reports.throwIfErrors();
  return [...entered, ...unique.ops].map((op) => completeOperation(op, newRoles));
}

/** Validate and append a new primitive to `parent` (default: the resources section). */
export async function createPrimitive(cib: XmlElement, ids: IdIndex, reports: Reports, spec: NewPrimitive, parent?: XmlElement): Promise<XmlElement> {
  if (upgradeForOnFailDemote(cib, spec.operations)) reports.add(info("CIB_UPGRADE_SUCCESSFUL", undefined as never));
  if (!spec.specialCasesChecked) checkSpecialCases(cib, spec, reports);
  const resources = section(cib, "resources");
  if (ids.has(spec.id)) failNow(error("ID_ALREADY_EXISTS", { id: spec.id }));
  const idProblems = validateId(spec.id, `${spec.kind ?? "resource"} name`);
  if (idProblems.length) failNow(idProblems[0]);
  const operations = prepareOperations(spec, newRoleNamesSupported(cib), reports);
  const attrReports = validateCreateAttrs(spec.agent.metadata, spec.attrs, resources);
  reports.add(...attrReports);
  if (spec.agentValidation && canSelfValidate(spec.agent.metadata) && !attrReports.some((r) => r.severity === "error")) {
    const verdict = await runSelfValidation(spec.agentValidation.sources, spec.agent.metadata.name, spec.attrs);
    reports.add(...selfValidationReports(verdict));
  }
  reports.throwIfErrors();
  const name = spec.agent.metadata.name;
  const primitive = appendPrimitive(parent ?? resources, ids, {
    id: spec.id,
    standard: name.standard,
    provider: name.provider,
    type: name.type,
    instanceAttributes: spec.attrs,
    metaAttributes: spec.meta,
    operations,
  });
  if (spec.disabled) disableResource(primitive, ids);
  return primitive;
}

export const agentFullName = (spec: NewPrimitive): string => fullName(spec.agent.metadata.name);
