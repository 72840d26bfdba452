// Messages of remote and guest nodes (cluster node add-remote/add-guest/remove-remote/remove-guest).
// Texts follow pcs 0.11.5's wording.
import { quoteList } from "../format.js";

/** Why the work on the node itself was not done. */
export type SkipReason = "not-live" | "not-managed";

const SKIP_REASONS: Record<SkipReason, string> = {
  "not-live": "the command does not run on a live cluster (e.g. -f was used)",
  // pcs-lite talks to its own agents, not to pcsd on a pacemaker_remote host
  "not-managed": "pcs-lite does not manage pacemaker_remote hosts",
};

export const remoteNode = {
  COROSYNC_NODE_CONFLICT_CHECK_SKIPPED: (p: { reason: SkipReason }) =>
    `Unable to check if there is a conflict with nodes set in corosync because ${SKIP_REASONS[p.reason]}`,
  FILES_DISTRIBUTION_SKIPPED: (p: { reason: SkipReason; files: string[]; nodes: string[] }) =>
    `Distribution of ${quoteList(p.files)} to ${quoteList(p.nodes)} was skipped because ${SKIP_REASONS[p.reason]}. ` +
    "Please, distribute the file(s) manually.",
  FILES_REMOVE_FROM_NODES_SKIPPED: (p: { reason: SkipReason; files: string[]; nodes: string[] }) =>
    `Removing ${quoteList(p.files)} from ${quoteList(p.nodes)} was skipped because ${SKIP_REASONS[p.reason]}. ` +
    "Please, remove the file(s) manually.",
  SERVICE_COMMANDS_ON_NODES_SKIPPED: (p: { reason: SkipReason; actions: string[]; nodes: string[] }) =>
    `Running action(s) ${quoteList(p.actions)} on ${quoteList(p.nodes)} was skipped because ${SKIP_REASONS[p.reason]}. ` +
    "Please, run the action(s) manually.",
  USING_DEFAULT_ADDRESS_FOR_HOST: (p: { host: string; address: string }) => `No addresses specified for host '${p.host}', using '${p.address}'`,
  KNOWN_HOSTS_READ_ERROR: (p: { file: string; reason: string }) => `Unable to read the known-hosts file: ${p.reason}: '${p.file}'`,
  REMOTE_NODE_NOT_FOUND: (p: { node: string; nodeType: "remote" | "guest" }) => `${p.nodeType} node '${p.node}' does not appear to exist in configuration`,
  MULTIPLE_RESULTS_FOUND: (p: { resultType: string; found: string[]; searched: string }) =>
    `more than one ${p.resultType}${p.searched ? ` for '${p.searched}'` : ""} found: ${quoteList(p.found)}`,
  RESOURCE_IS_GUEST_NODE_ALREADY: (p: { resourceId: string }) => `the resource '${p.resourceId}' is already a guest node`,
  NODE_NAME_EMPTY: () => "node name cannot be empty",
  NODE_TO_CLEAR_IS_STILL_IN_CLUSTER: (p: { node: string }) =>
    `node '${p.node}' seems to be still in the cluster; this command should be used only with nodes that have been removed from the cluster`,
};
