import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const cib = () => import("../../commands/cluster/cib.js");
const setup = () => import("../../commands/cluster/setup.js");
const lifecycle = () => import("../../commands/cluster/lifecycle.js");
const cibPush = () => import("../../commands/cluster/cib-push.js");
const nodes = () => import("../../commands/cluster/nodes.js");

export const clusterArea: Area = {
  name: "cluster",
  summary: "Configure cluster options and nodes.",
  routes: [
    {
      path: ["cluster", "cib"],
      synopsis: "cib [filename] [scope=<scope> | --config]",
      help:
        "Get the raw xml from the CIB (Cluster Information Base). If a filename is provided, we save the CIB to " +
        "that file, otherwise the CIB is printed. Specify scope to get a specific section of the CIB. Valid values " +
        "of the scope are: acls, alerts, configuration, constraints, crm_config, fencing-topology, nodes, " +
        "op_defaults, resources, rsc_defaults, tags. --config is the same as scope=configuration. Do not specify a " +
        "scope if you want to edit the saved CIB using pcs (pcs -f <command>).",
      options: ["--config"],
      complete: ["file"],
      run: lazy(cib, (m) => m.cibCommand),
    },
    {
      path: ["cluster", "cib-push"],
      synopsis: "cib-push <filename> [--wait[=<n>]] [diff-against=<filename_original> | scope=<scope> | --config]",
      help:
        "Push the raw xml from <filename> to the CIB (Cluster Information Base). Get the CIB with 'pcs cluster cib' " +
        "first, modify a copy (pcs -f <command>), then push it. With diff-against, only the difference between " +
        "<filename_original> and <filename> is pushed, as a patch. Specify scope to push one section of the CIB " +
        "(acls, alerts, configuration, constraints, crm_config, fencing-topology, nodes, op_defaults, resources, " +
        "rsc_defaults, tags); --config is the same as scope=configuration. Without a scope the whole CIB is " +
        "replaced, which is refused when the pushed CIB is older than the current one. WARNING: the selected scope " +
        "of the CIB is overwritten by the content of the file.",
      options: ["--config", "--wait"],
      complete: ["file"],
      run: lazy(cibPush, (m) => m.cibPushCommand),
    },
    {
      path: ["cluster", "setup"],
      synopsis:
        "setup <cluster name> (<node name> [addr=<node address>]...)... [transport knet|udp|udpu [<transport " +
        "options>] [link <link options>]... [compression <compression options>] [crypto <crypto options>]] [totem " +
        "<totem options>] [quorum <quorum options>] [--no-cluster-uuid] ([--enable] [--start [--wait[=<n>]]] " +
        "[--no-keys-sync])",
      help:
        "Create a cluster from the listed nodes, which must be authenticated with 'pcs host auth'. corosync.conf " +
        "is written as pcs writes it, together with the initial CIB and a key the nodes use to talk to each other. " +
        "A node address defaults to the address the node was authenticated with. --start starts the cluster on " +
        "all nodes (--wait waits until it has a Designated Controller), --enable makes it start with the agent.",
      options: ["--start", "--enable", "--wait", "--no-keys-sync", "--no-cluster-uuid", "--force", "--corosync_conf", "--overwrite"],
      complete: ["node"],
      run: lazy(setup, (m) => m.setupCommand),
    },
    {
      path: ["cluster", "start"],
      synopsis: "start [--all | <node>... ] [--wait[=<n>]] [--request-timeout=<seconds>]",
      help: "Start the cluster on the given nodes; with --all (or no node) on every node of the cluster.",
      options: ["--all", "--wait"],
      complete: ["node"],
      run: lazy(lifecycle, (m) => m.startCommand),
    },
    {
      path: ["cluster", "stop"],
      synopsis: "stop [--all | <node>... ] [--request-timeout=<seconds>]",
      help: "Stop the cluster on the given nodes; with --all (or no node) on every node of the cluster.",
      options: ["--all", "--force"],
      complete: ["node"],
      run: lazy(lifecycle, (m) => m.stopCommand),
    },
    {
      path: ["cluster", "destroy"],
      synopsis: "destroy [--all] [--force]",
      help:
        "Permanently destroy the cluster: stop it and remove its configuration (corosync.conf, CIB, cluster key) " +
        "from the nodes. With --all (or by default) on every node of the cluster.",
      options: ["--all", "--force"],
      run: lazy(lifecycle, (m) => m.destroyCommand),
    },
    {
      path: ["cluster", "status"],
      synopsis: "status",
      help: "View the current cluster status: nodes online and offline, the Designated Controller, quorum.",
      run: lazy(lifecycle, (m) => m.statusCommand),
    },
    {
      path: ["cluster", "node", "add"],
      synopsis: "node add <node name> [addr=<node address>]... [watchdog=<watchdog path>] [device=<SBD device path>]... [--start [--wait[=<n>]]] [--enable] [--no-watchdog-validation]",
      help:
        "Add a new node to the cluster. The node must be authenticated ('pcs host auth') and not be in a cluster. " +
        "corosync.conf is updated on every node; the new node receives the cluster key and the current CIB. " +
        "--start starts the cluster on the new node. watchdog and device (SBD) are accepted and ignored by pcs-lite.",
      options: ["--start", "--wait", "--enable", "--force", "--no-watchdog-validation", "--skip-offline"],
      complete: ["node"],
      run: lazy(nodes, (m) => m.nodeAddCommand),
    },
    {
      path: ["cluster", "node", "remove"],
      synopsis: "node remove <node name> [<node name>]... [--force]",
      help:
        "Shut down the specified nodes and remove them from the cluster: their cluster configuration is destroyed, " +
        "corosync.conf is updated on the remaining nodes and the nodes leave the CIB.",
      options: ["--force", "--skip-offline"],
      complete: ["node"],
      run: lazy(nodes, (m) => m.nodeRemoveCommand),
    },
    {
      path: ["cluster", "node", "delete"],
      synopsis: "node delete <node name> [<node name>]... [--force]",
      help: "Same as 'node remove'.",
      options: ["--force", "--skip-offline"],
      hidden: true,
      complete: ["node"],
      run: lazy(nodes, (m) => m.nodeRemoveCommand),
    },
    {
      path: ["cluster", "corosync"],
      synopsis: "corosync [node]",
      help: "Get the corosync.conf from the specified node or from a node of the cluster.",
      complete: ["node"],
      run: lazy(lifecycle, (m) => m.corosyncCommand),
    },
  ],
};
