// The operations pcs puts on a new resource, derived from the agent's actions.
import type { OperationInput } from "../cib/operations.js";
import { defaultInterval, OCF_CHECK_LEVEL } from "../cib/operations.js";
import { isStonithName } from "./name.js";
import type { AgentAction, AgentMetadata } from "./types.js";

// A monitor is always wanted, even with --no-default-ops or when the agent lists none.
const NECESSARY = ["monitor"];
// One-time actions pacemaker never schedules, and the deprecated alias of monitor.
const NOT_DEFAULT = new Set(["meta-data", "status", "validate-all"]);

function toOperation(action: AgentAction): OperationInput {
  const op: OperationInput = { name: action.name, interval: action.interval || defaultInterval(action.name) };
  if (action.timeout) op.timeout = action.timeout;
  if (action.role) op.role = action.role;
  if (action.startDelay) op["start-delay"] = action.startDelay;
  if (action.depth !== undefined && action.depth !== "0") op[OCF_CHECK_LEVEL] = action.depth;
  return op;
}

/** Default operations in the agent's order (not yet made unique nor sorted). */
export function defaultOperations(metadata: AgentMetadata, necessaryOnly = false): OperationInput[] {
  const isDefault = isStonithName(metadata.name) ? (a: AgentAction) => a.name === "monitor" : (a: AgentAction) => !NOT_DEFAULT.has(a.name);
  const actions = metadata.actions.filter((a) => (necessaryOnly ? NECESSARY.includes(a.name) : isDefault(a)));
  for (const name of NECESSARY) {
    if (!actions.some((a) => a.name === name)) actions.push({ name, automatic: false, onTarget: false });
  }
  return actions.map(toOperation);
}
