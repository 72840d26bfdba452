// The transition graph as Pacemaker's scheduler hands it to the controller: one action per synapse,
// each with the actions that must have completed before it may run.

/** rsc_op: an executor operation on a node; crm_event: a controller job (stonith, do_shutdown,
 * clear_failcount, lrm_delete); pseudo_event: an ordering point nothing executes. */
export type GraphActionKind = "rsc_op" | "crm_event" | "pseudo_event";

export interface GraphResource {
  /** The id the executor knows it by (clone instances: "rsc:N" for unique clones, "rsc" for anonymous). */
  id: string;
  /** Pacemaker's long-id ("rsc:N") when it differs from id. */
  longId?: string;
  class: string;
  provider?: string;
  type: string;
}

export interface GraphAction {
  /** Unique within the graph, from 0. */
  id: number;
  kind: GraphActionKind;
  /** start, stop, monitor (interval 0: a probe), promote, demote, notify, cancel, migrate_to,
   * migrate_from, stonith, do_shutdown, clear_failcount, lrm_delete; pseudo: running, stopped,
   * promoted, demoted, confirmed-pre/post, one-or-more, ... */
  task: string;
  /** Pacemaker's operation key: "<rsc>_<task>_<interval ms>" (e.g. "d1_monitor_10000"). */
  operationKey: string;
  /** Where it runs (absent for pseudo events). */
  node?: { uname: string; id: string };
  /** Actions on remote and guest nodes: the cluster node whose connection carries them (router_node). */
  router?: string;
  rsc?: GraphResource;
  /** Recurring interval in ms (0: not recurring). */
  intervalMs: number;
  /** The result that counts as success: 0, except probes (7: not running) and probes of a
   * promoted instance (8). */
  targetRc: number;
  /** <attributes>: CRM_meta_* (timeout, interval, on_node, on_node_uuid, clone, notify_*, ...) and
   * the resource's instance parameters as they apply on the node. */
  attributes: Record<string, string>;
  /** Ids of the actions that must be complete before this one runs. */
  inputs: number[];
  /** Optional inputs: satisfied also when the input action is not executed (Pacemaker's pe_order_optional
   * shows as a plain trigger too; kept for information). */
  priority?: number;
  /** Fencing that takes nodes down: their ids (Pacemaker's <downed>), so the controller marks them down. */
  downed?: string[];
}

export interface TransitionGraph {
  /** Options of the <transition_graph> element (cluster-delay, stonith-timeout, failed-stop-offset,
   * failed-start-offset, transition_id, batch-limit, migration-limit). */
  options: Record<string, string>;
  actions: GraphAction[];
}
