// The scheduler's working model: what unpacking builds and the later phases fill in.
export const INFINITY = 1000000;

export type Role = "Stopped" | "Started" | "Unpromoted" | "Promoted";

export interface SchedNode {
  id: string;
  uname: string;
  type: string;
  online: boolean;
  standby: boolean;
  maintenance: boolean;
  unclean: boolean;
  pending: boolean;
  shutdown: boolean;
  fenceReason?: string;
  /** Unclean only because its history shows a resource active while it is offline. */
  uncleanByHistory?: boolean;
  /** node-health-strategy says the node may not run resources. */
  unhealthy?: boolean;
  /** progressive/custom health strategies: added to every resource's score on the node. */
  healthScore?: number;
  /** Node attributes (configuration + transient), for rules and promotion scores. */
  attrs: Map<string, string>;
  /** Resources assigned so far (the tie-breaker that spreads resources). */
  assigned: number;
  /** Unpack order, the final tie-breaker. */
  index: number;
  /** Utilization capacity left (placement strategies other than default). */
  capacity?: Map<string, number>;
  /** Pacemaker Remote nodes: "remote" (an ocf:pacemaker:remote connection) or "guest" (a resource's
   * remote-node meta attribute). Absent for cluster nodes. */
  remote?: "remote" | "guest";
  /** The connection resource a remote or guest node is reached through. */
  connection?: Resource;
  /** The node's state must be reset (fenced) before it can be trusted again. */
  requiresReset?: boolean;
  /** No history showed it (remote nodes): fencing is revoked when the connection starts again. */
  unseen?: boolean;
  /** The status entry says the node was fenced (node_fenced). */
  wasFenced?: boolean;
  /** Its history was unpacked. */
  unpacked?: boolean;
  /** resource-discovery-enabled=false (remote nodes with fencing, guest nodes): nothing is probed there. */
  noDiscovery?: boolean;
}

export type Variant = "primitive" | "group" | "clone";

export interface Resource {
  id: string;
  variant: Variant;
  parent?: Resource;
  children: Resource[];
  meta: Map<string, string>;
  /** class:provider:type, for display. */
  agent: string;
  isStonith: boolean;
  managed: boolean;
  targetRole: Role | undefined;
  stickiness: number;
  migrationThreshold: number;
  failureTimeout: number;
  priority: number;
  /** Clone settings (clone variant only). */
  clone?: CloneInfo;
  /** Runtime state of a primitive instance. */
  running: SchedNode[];
  /** A migration under way (its migrate_to done, its migrate_from not yet): it may continue. */
  partialMigration?: { source: SchedNode; target: SchedNode };
  /** Sources of finished migrations that still hold the resource's remains: stopped there. */
  danglingOn?: SchedNode[];
  /** A failed migration whose other end is gone: it is recovered by stop and start. */
  noMigrate?: boolean;
  role: Role;
  failed: boolean;
  /** Nodes where a failure or threshold bans the resource. */
  banned: Set<string>;
  /** Allowed-node scores, filled during scoring. */
  scores: Map<string, number>;
  /** Assignment result. */
  assignedTo?: SchedNode;
  nextRole: Role;
  /** Operation digests changed since the resource started (restart needed). */
  definitionChanged: boolean;
  /** Configured instance attributes (primitives). */
  params: Map<string, string>;
  /** Instance attributes on a node, when some of their sets have rules. */
  paramsOn?: (node: SchedNode) => Map<string, string>;
  /** The history was recorded with another agent (class, provider or type): restart. */
  agentChanged?: boolean;
  /** Reloadable parameters changed while its start is still in flight: restarted (crm_simulate gives no reason). */
  pendingStartChanged?: boolean;
  /** Only reloadable parameters changed: the agent reloads it in place. */
  reload?: boolean;
  /** A stop failed: resource is blocked where it runs. */
  blocked: boolean;
  /** Where the resource has a pending start/stop etc. */
  pendingOp?: string;
  /** Configuration order among all resources. */
  order: number;
  /** Instance number for clone instances ("rsc:N"). */
  instance?: number;
  /** The resource element's id (the template for clone instances). */
  baseId: string;
  /** The lrm_resource id its history is recorded under when that differs from its id (an anonymous
   * clone instance filed under "rsc" or another instance number): Pacemaker's clone_name, used in
   * operation keys. */
  historyName?: string;
  /** Whether the history showed this resource known on a node (probed). */
  knownOn: Set<string>;
  /** Nodes whose history record this very instance holds (an anonymous clone's inactive record is
   * filed under one instance, though every instance counts as probed there): Pacemaker's known_on. */
  historyOn: Set<string>;
  allocated: boolean;
  /** Not in the configuration any more (or beyond clone-max): only ever stopped. */
  orphan?: boolean;
  /** The node a shutdown lock ties the resource to. */
  lockNode?: SchedNode;
  /** A fatal error or on-fail=stop: the resource must stay stopped everywhere. */
  forceStop?: boolean;
  /** What the primitive uses of its node's capacity (its <utilization>). */
  utilization?: Map<string, number>;
  /** A promotable clone whose promoted role needs a ticket it does not have: nothing is promoted. */
  promotionBanned?: boolean;
  /** The node this primitive is the connection of (ocf:pacemaker:remote, or a guest's implicit one). */
  remoteNode?: SchedNode;
  /** The resource its `container` meta attribute names (a guest connection's guest resource). */
  container?: Resource;
  /** Stopped where it runs, then started where it belongs (what it contains failed: on-fail=restart-container). */
  stopRequired?: boolean;
  /** Failed because its guest node is fenced (not by its own history): recovered even off a fenced host. */
  guestFenced?: boolean;
  /** The bundle this resource belongs to (its containers' unit, addresses, connections, inner clone). */
  bundle?: Bundle;
}

/** One replica of a bundle: its container, address, connection, guest node and inner instance. */
export interface BundleReplica {
  index: number;
  container: Resource;
  ip?: Resource;
  remote?: Resource;
  node?: SchedNode;
  child?: Resource;
}

export interface Bundle {
  id: string;
  /** The placement unit whose instances are the containers (id: the bundle's). */
  unit: Resource;
  replicas: BundleReplica[];
  /** The clone of the inner primitive, one instance per replica's guest node. */
  child?: Resource;
}

export interface CloneInfo {
  /** Id of the cloned primitive or group. */
  childId: string;
  max: number;
  nodeMax: number;
  promotable: boolean;
  promotedMax: number;
  promotedNodeMax: number;
  globallyUnique: boolean;
  interleave: boolean;
  ordered: boolean;
}

export interface Location {
  rsc: Resource;
  node?: string;
  score: number;
  role?: Role;
  rules?: RuleScore[];
  discovery?: string;
}

export interface RuleScore {
  /** Score applied on nodes where the rule matches (or the value of score-attribute). */
  score: number;
  scoreAttribute?: string;
  matches: (node: SchedNode) => boolean;
}

export interface Colocation {
  id: string;
  rsc: Resource;
  withRsc: Resource;
  score: number;
  rscRole?: Role;
  withRole?: Role;
  /** Nodes count as "together" when they share this attribute's value (default #uname). */
  nodeAttribute?: string;
}

export interface Ordering {
  id: string;
  first: Resource;
  then: Resource;
  firstAction: string;
  thenAction: string;
  kind: "Mandatory" | "Optional" | "Serialize";
  symmetrical: boolean;
  /** From a require-all=false set: the then side needs any one of these ("one-or-more:<set id>"). */
  anyOf?: { id: string; members: Resource[] };
  /** require-all=false on a clone-to-clone order: any running instance of the first will do. */
  anyInstance?: boolean;
  /** Pacemaker's own (a container before what it contains): probes are not ordered by it. */
  implicit?: boolean;
}

export interface ClusterOptions {
  stopOrphanResources: boolean;
  stonithEnabled: boolean;
  symmetric: boolean;
  noQuorumPolicy: string;
  maintenanceMode: boolean;
  stopAllResources: boolean;
  startFailureIsFatal: boolean;
  haveQuorum: boolean;
  stonithAction: string;
  startupFencing: boolean;
  nodeHealthStrategy: string;
  /** Scores of the health colours and the progressive base (node-health-red/yellow/green/base). */
  nodeHealthScores: { red: number; yellow: number; green: number; base: number };
  /** shutdown-lock: resources stay with a node that shuts down cleanly. */
  shutdownLock: boolean;
  /** shutdown-lock-limit in seconds (0: locks never expire). */
  shutdownLockLimit: number;
  /** placement-strategy: default, utilization, minimal or balanced. */
  placementStrategy: string;
  /** The CIB's crm_feature_set predates 3.0.13: fail counts are per resource, without an operation suffix. */
  legacyFailCounts: boolean;
}

export interface Cluster {
  options: ClusterOptions;
  nodes: SchedNode[];
  nodeByName: Map<string, SchedNode>;
  /** Top-level resources in configuration order. */
  resources: Resource[];
  byId: Map<string, Resource>;
  primitives: Resource[];
  locations: Location[];
  colocations: Colocation[];
  orderings: Ordering[];
  now: number;
}

export interface SummaryLine {
  action: string;
  rsc: string;
  detail: string;
  reason?: string;
}

export interface Fencing {
  node: string;
  action: string;
  reason: string;
  /** A guest node's pseudo fencing: the guest resource whose recovery fences it. */
  guestOf?: string;
}

export interface ScheduleResult {
  cluster: Cluster;
  summary: SummaryLine[];
  fencing: Fencing[];
}

/** What the scheduler decided for one primitive: where it is, where it goes, what runs. */
export interface PrimitivePlan {
  rsc: Resource;
  from?: SchedNode;
  to?: SchedNode;
  stop: boolean;
  start: boolean;
  /** The start is wanted but cannot run (an ordering's first cannot start). */
  startBlocked: boolean;
  /** Unassigned by an interleaved ordering without a first instance on its node (it only stops). */
  unassigned?: boolean;
  restartReason?: string;
  stopReason?: string;
  /** The stop is needed but cannot run (its node cannot be fenced). */
  stopBlocked?: boolean;
  /** The reason a blocked stop's line gives: the stop's own, else its start's. */
  stopBlockedReason?: string;
  /** The stop waits on a blocked resource (an ordering): shown with "(blocked)". */
  stopHeld?: boolean;
  /** What holds the stop ("unrunnable X stop"), when known. */
  heldBy?: string;
  /** Stopped by an ordering inside a clone: crm_simulate gives no reason. */
  plainStop?: boolean;
  /** How a chain of stops down a group continues: 0, the next member names this one's start; 1, its stop. */
  chainParity?: number;
  /** Restarted because its parameters changed. */
  definitionChange?: boolean;
  /** Reloaded in place because only reloadable parameters changed. */
  reload?: boolean;
  /** Moves by live migration (migrate_to, migrate_from) rather than stop and start. */
  migrate?: boolean;
  /** The migration continues one under way: no migrate_to, and the target keeps its copy. */
  partial?: boolean;
}
