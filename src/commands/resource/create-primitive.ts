// The library part of `resource create` / `stonith create`: validate everything about a new
// primitive, then build it (pure: the CIB in, edits and reports out).
import type { LoadedAgent } from "../../agents/load.js";
import { defaultOperations } from "../../agents/defaults.js";
import { fullName } from "../../agents/name.js";
import { validateCreateAttrs } from "../../agents/validate.js";
import { section } from "../../cib/document.js";
import { validateId, type IdIndex } from "../../cib/ids.js";
import {
  completeOperation,
  normalizeOperation,
  uniquifyIntervals,
  validateDifferentIntervals,
  validateOperation,
  type OperationInput,
} from "../../cib/operations.js";
import { appendPrimitive, disableResource } from "../../cib/primitive.js";
import type { XmlElement } from "../../cib/xml.js";
import { error, forceableError, ReportedError, type Reports } from "../../report/index.js";

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
}

/** Whether the CIB's schema knows Promoted/Unpromoted (pacemaker-3.7 and later). */
export function newRoleNamesSupported(cib: XmlElement): boolean {
  const match = /^pacemaker-(\d+)\.(\d+)/.exec(cib.attrs["validate-with"] ?? "");
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 3 || (major === 3 && minor >= 7);
}

const failNow = (item: ReturnType<typeof error>): never => {
  throw new ReportedError([item], false);
};

/** pcs refuses to make remote and guest nodes with plain create (forceable). */
export function checkSpecialCases(spec: NewPrimitive, reports: Reports): void {
  const name = spec.agent.metadata.name;
  if (name.standard === "ocf" && name.provider === "pacemaker" && name.type === "remote") {
    reports.add(forceableError("USE_COMMAND_NODE_ADD_REMOTE", undefined as never));
  }
  if ("remote-node" in spec.meta) reports.add(forceableError("USE_COMMAND_NODE_ADD_GUEST", undefined as never));
  reports.throwIfErrors();
}

/** Validated, complete operation list for a new primitive (entered ones, then remaining defaults). */
export function prepareOperations(spec: NewPrimitive, newRoles: boolean, reports: Reports): OperationInput[] {
  const metadata = spec.agent.metadata;
  const entered = spec.operations.map(normalizeOperation);
  const allowedNames = metadata.actions.map((a) => a.name);
  for (const op of entered) reports.add(...validateOperation(op, allowedNames));
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
export function createPrimitive(cib: XmlElement, ids: IdIndex, reports: Reports, spec: NewPrimitive, parent?: XmlElement): XmlElement {
  checkSpecialCases(spec, reports);
  const resources = section(cib, "resources");
  if (ids.has(spec.id)) failNow(error("ID_ALREADY_EXISTS", { id: spec.id }));
  const idProblems = validateId(spec.id, `${spec.kind ?? "resource"} name`);
  if (idProblems.length) failNow(idProblems[0]);
  const operations = prepareOperations(spec, newRoleNamesSupported(cib), reports);
  const userOpIds = operations.map((op) => op.id).filter((id): id is string => id !== undefined);
  for (const id of userOpIds) if (ids.has(id)) failNow(error("ID_ALREADY_EXISTS", { id }));
  reports.add(...validateCreateAttrs(spec.agent.metadata, spec.attrs, resources));
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
