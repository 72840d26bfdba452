import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const cib = () => import("../../commands/cluster/cib.js");
const setup = () => import("../../commands/cluster/setup.js");
const lifecycle = () => import("../../commands/cluster/lifecycle.js");
const cibPush = () => import("../../commands/cluster/cib-push.js");
const nodes = () => import("../../commands/cluster/nodes.js");
const configShow = () => import("../../commands/cluster/config-show.js");
const configUpdate = () => import("../../commands/cluster/config-update.js");
const remoteNode = () => import("../../commands/cluster/remote-node.js");
const guestNode = () => import("../../commands/cluster/guest-node.js");
const cibUpgrade = () => import("../../commands/cluster/cib-upgrade.js");
const enable = () => import("../../commands/cluster/enable.js");
const uidgid = () => import("../../commands/cluster/uidgid.js");

const CONFIG_SHOW_HELP =
  "Show cluster configuration. If --corosync_conf is specified, configuration file specified by <path> is used " +
  "instead of the current cluster configuration.\n\n" +
  "There are 3 formats of output available: 'cmd', 'json' and 'text', default is 'text'. Format 'text' is a human " +
  "friendly output. Format 'cmd' prints pcs commands which can be used to recreate the same configuration. Format " +
  "'json' is a machine oriented output of the configuration.";

const CONFIG_UPDATE_HELP =
  "Update cluster configuration. Unspecified options will be kept unchanged. If you wish to remove an option, set " +
  "it to empty value, i.e. 'option_name='.\n\n" +
  "If --corosync_conf is specified, update cluster configuration in file specified by <path>.\n\n" +
  "All options are documented in corosync.conf(5) man page. There are different transport options for transport " +
  "types. Compression and crypto options are only available for knet transport. Totem options can be set " +
  "regardless of the transport type.\n\n" +
  "Transport options for knet transport are:\n    ip_version, knet_pmtud_interval, link_mode\n" +
  "Transport options for udp and updu transports are:\n    ip_version, netmtu\n" +
  "Compression options are:\n    level, model, threshold\n" +
  "Crypto options are:\n    cipher, hash, model\n" +
  "Totem options are:\n    block_unlisted_ips, consensus, downcheck, fail_recv_const, heartbeat_failures_allowed, " +
  "hold, join, max_messages, max_network_delay, merge, miss_count_const, send_join, seqno_unchanged_const, token, " +
  "token_coefficient, token_retransmit, token_retransmits_before_loss_const, window_size";

// pcs's own line breaks are kept: its texts are not wrapped to the full width
const ADD_REMOTE_HELP = [
  "Add the node to the cluster as a remote node. Sync all relevant configuration files to the new node. Start the " +
    "node and configure it to start the cluster on boot.",
  "Options are port and reconnect_interval. Operations and meta",
  "belong to an underlying connection resource (ocf:pacemaker:remote).",
  "If node address is not specified for the node, pcs will configure",
  "pacemaker to communicate with the node using an address provided in",
  "'pcs host auth' command. Otherwise, pcs will configure pacemaker to",
  "communicate with the node using the specified addresses.",
  "If --wait is specified, wait up to 'n' seconds for the node to start.",
].join("\n");

const ADD_GUEST_HELP = [
  "Make the specified resource a guest node resource. Sync all relevant configuration files to the new node. Start " +
    "the node and configure it to start the cluster on boot.",
  "Options are remote-addr, remote-port and remote-connect-timeout.",
  "If remote-addr is not specified for the node, pcs will configure",
  "pacemaker to communicate with the node using an address provided in",
  "'pcs host auth' command. Otherwise, pcs will configure pacemaker to",
  "communicate with the node using the specified addresses.",
  "If --wait is specified, wait up to 'n' seconds for the node to start.",
].join("\n");

const REMOVE_REMOTE_HELP =
  "Shutdown specified remote node and remove it from the cluster.\nThe node-identifier can be the name of the node or " +
  "the address of the node.";

const REMOVE_GUEST_HELP =
  "Shutdown specified guest node and remove it from the cluster.\nThe node-identifier can be the name of the node or " +
  "the address of the node or id of the resource that is used as the guest node.";

const REMOTE_EDIT = ["--wait", "--force", "--skip-offline"];

const UUID_GENERATE_HELP =
  "Generate a new cluster UUID and distribute it to all cluster nodes. Cluster UUID is not used by the cluster " +
  "stack in any way, it is provided to easily distinguish between multiple clusters in a multi-cluster " +
  "environment since the cluster name does not have to be unique.\n\n" +
  "If --corosync_conf is specified, update cluster configuration in file specified by <path>.\n\n" +
  "If --force is specified, existing UUID will be overwritten.";

// pcs's own line breaks are kept
const UIDGID_HELP = (what: string) => `${what} the specified uid and/or gid ${what === "Add" ? "to" : "from"} the list of users/groups\nallowed to connect to corosync.`;

const UIDGID_ROUTES = (["add", "delete", "remove"] as const).map((word) => ({
  path: ["cluster", "uidgid", word],
  synopsis: `uidgid ${word} [uid=<uid>] [gid=<gid>]`,
  help: UIDGID_HELP(word === "add" ? "Add" : "Remove"),
  complete: [["uid=", "gid="]],
  run: lazy(uidgid, (m) => m.uidgidCommand),
}));

export const clusterArea: Area = {
  name: "cluster",
  summary: "Configure cluster options and nodes.",
  routes: [
    {
      path: ["cluster", "config"],
      synopsis: "config [show] [--output-format text|cmd|json] [--corosync_conf <path>]",
      help: CONFIG_SHOW_HELP,
      options: ["--corosync_conf", "--output-format"],
      complete: [["show", "update", "uuid"]],
      run: lazy(configShow, (m) => m.configShowCommand),
    },
    {
      path: ["cluster", "config", "show"],
      synopsis: "config show [--output-format text|cmd|json] [--corosync_conf <path>]",
      help: "Same as 'config'.",
      options: ["--corosync_conf", "--output-format"],
      hidden: true,
      run: lazy(configShow, (m) => m.configShowCommand),
    },
    {
      path: ["cluster", "config", "update"],
      synopsis:
        "config update [transport <transport options>]\n[compression <compression options>] [crypto <crypto options>]\n" +
        "[totem <totem options>] [--corosync_conf <path>]",
      help: CONFIG_UPDATE_HELP,
      options: ["--corosync_conf"],
      complete: [["transport", "compression", "crypto", "totem"]],
      run: lazy(configUpdate, (m) => m.configUpdateCommand),
    },
    {
      path: ["cluster", "config", "uuid"],
      synopsis: "config uuid generate [--corosync_conf <path>] [--force]",
      help: UUID_GENERATE_HELP,
      options: ["--corosync_conf", "--force"],
      hidden: true,
      run: lazy(configUpdate, (m) => m.uuidUsageCommand),
    },
    {
      path: ["cluster", "config", "uuid", "generate"],
      synopsis: "config uuid generate [--corosync_conf <path>] [--force]",
      help: UUID_GENERATE_HELP,
      options: ["--corosync_conf", "--force"],
      run: lazy(configUpdate, (m) => m.uuidGenerateCommand),
    },
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
      path: ["cluster", "cib-upgrade"],
      synopsis: "cib-upgrade",
      help: "Upgrade the CIB to conform to the latest version of the document schema.",
      run: lazy(cibUpgrade, (m) => m.cibUpgradeCommand),
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
        "all nodes (--wait waits until it has a Designated Controller), --enable makes it start whenever the nodes' " +
        "pcs-agent starts (see 'cluster enable').",
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
      path: ["cluster", "enable"],
      synopsis: "enable [--all | <node>... ]",
      help:
        "Configure the cluster to start on the specified nodes whenever their pcs-agent starts (as pcs enables " +
        "corosync and pacemaker at boot); with --all (or no node) on every node of the cluster.",
      options: ["--all"],
      complete: ["node"],
      run: lazy(enable, (m) => m.enableCommand),
    },
    {
      path: ["cluster", "disable"],
      synopsis: "disable [--all | <node>... ]",
      help:
        "Configure the cluster not to start on the specified nodes when their pcs-agent starts (unless it was " +
        "running when the agent stopped); with --all (or no node) on every node of the cluster.",
      options: ["--all"],
      complete: ["node"],
      run: lazy(enable, (m) => m.disableCommand),
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
      path: ["cluster", "node", "add-remote"],
      synopsis:
        "node add-remote <node name> [<node address>] [options]\n[op <operation action> <operation options> [<operation action>\n" +
        "<operation options>]...] [meta <meta options>...] [--wait[=<n>]]",
      help: ADD_REMOTE_HELP,
      options: [...REMOTE_EDIT, "--no-default-ops"],
      complete: [[], [], ["op", "meta"]],
      run: lazy(remoteNode, (m) => m.nodeAddRemoteCommand),
    },
    {
      path: ["cluster", "node", "delete-remote"],
      synopsis: "node delete-remote <node identifier>",
      help: REMOVE_REMOTE_HELP,
      options: ["--force", "--skip-offline"],
      run: lazy(remoteNode, (m) => m.nodeRemoveRemoteCommand),
    },
    {
      path: ["cluster", "node", "remove-remote"],
      synopsis: "node remove-remote <node identifier>",
      help: REMOVE_REMOTE_HELP,
      options: ["--force", "--skip-offline"],
      run: lazy(remoteNode, (m) => m.nodeRemoveRemoteCommand),
    },
    {
      path: ["cluster", "node", "add-guest"],
      synopsis: "node add-guest <node name> <resource id> [options] [--wait[=<n>]]",
      help: ADD_GUEST_HELP,
      options: REMOTE_EDIT,
      complete: [[], "primitive", ["remote-addr=", "remote-port=", "remote-connect-timeout="]],
      run: lazy(guestNode, (m) => m.nodeAddGuestCommand),
    },
    {
      path: ["cluster", "node", "delete-guest"],
      synopsis: "node delete-guest <node identifier>",
      help: REMOVE_GUEST_HELP,
      options: REMOTE_EDIT,
      run: lazy(guestNode, (m) => m.nodeRemoveGuestCommand),
    },
    {
      path: ["cluster", "node", "remove-guest"],
      synopsis: "node remove-guest <node identifier>",
      help: REMOVE_GUEST_HELP,
      options: REMOTE_EDIT,
      run: lazy(guestNode, (m) => m.nodeRemoveGuestCommand),
    },
    {
      path: ["cluster", "uidgid"],
      synopsis: "uidgid",
      help: "List the current configured uids and gids of users allowed to connect\nto corosync.",
      complete: [["add", "delete", "remove"]],
      run: lazy(uidgid, (m) => m.uidgidCommand),
    },
    ...UIDGID_ROUTES,
    {
      path: ["cluster", "corosync"],
      synopsis: "corosync [node]",
      help: "Get the corosync.conf from the specified node or from a node of the cluster.",
      complete: ["node"],
      run: lazy(lifecycle, (m) => m.corosyncCommand),
    },
  ],
};
