import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const lifecycle = () => import("../../commands/cluster/lifecycle.js");
const config = () => import("../../commands/quorum/config.js");
const device = () => import("../../commands/quorum/device.js");
const live = () => import("../../commands/quorum/live.js");

const EDIT = ["--force", "--skip-offline", "--corosync_conf"];
const REMOVE = ["--skip-offline", "--corosync_conf"];

const DEVICE_ADD_HELP =
  'Add a quorum device to the cluster. Quorum device should be configured first with "pcs qdevice setup". It is ' +
  "not possible to use more than one quorum device in a cluster simultaneously.\n" +
  "Currently the only supported model is 'net'. It requires model options 'algorithm' and 'host' to be specified. " +
  "Options are documented in corosync-qdevice(8) man page; generic options are 'sync_timeout' and 'timeout', for " +
  "model net options check the quorum.device.net section, for heuristics options see the quorum.device.heuristics " +
  "section. Pcs automatically creates and distributes TLS certificates and sets the 'tls' model option to the " +
  "default value 'on'.\n" +
  "Example: pcs quorum device add model net algorithm=lms host=qnetd.internal.example.com";

const DEVICE_UPDATE_HELP =
  "Add, remove or change quorum device options. Requires the cluster to be stopped. Unspecified options will be " +
  "kept unchanged. If you wish to remove an option, set it to empty value, i.e. 'option_name='.\n\n" +
  "Model and options are all documented in corosync-qdevice(8) man page; for heuristics options check the " +
  "quorum.device.heuristics subkey section, for model options check the quorum.device.<device model> subkey " +
  "sections.\n\n" +
  'WARNING: If you want to change "host" option of qdevice model net, use "pcs quorum device remove" and "pcs ' +
  'quorum device add" commands to set up configuration properly unless old and new host is the same machine.';

const UNBLOCK_HELP =
  "Cancel waiting for all nodes when establishing quorum. Useful in situations where you know the cluster is " +
  "inquorate, but you are confident that the cluster should proceed with resource management regardless. This " +
  "command should ONLY be used when nodes which the cluster is waiting for have been confirmed to be powered off " +
  "and to have no access to shared resources.\n\n" +
  "WARNING: If the nodes are not actually powered off or they do have access to shared resources, data " +
  "corruption/cluster failure can occur. To prevent accidental running of this command, --force or interactive " +
  "user response is required in order to proceed.";

const HEURISTICS_REMOVE_HELP = "Remove all heuristics settings of the configured quorum device.";

export const quorumArea: Area = {
  name: "quorum",
  usageHead: "<command>",
  summary: "Manage cluster quorum settings.",
  defaultPath: ["quorum", "config"],
  routes: [
    {
      path: ["quorum", "config"],
      synopsis: "[config]",
      help: "Show quorum configuration.",
      options: ["--corosync_conf"],
      run: lazy(config, (m) => m.quorumConfigCommand),
    },
    {
      path: ["quorum", "status"],
      synopsis: "status",
      help: "Show quorum runtime status.",
      run: lazy(live, (m) => m.liveQuorumCommand(lazy(lifecycle, (l) => l.quorumStatusCommand))),
    },
    {
      path: ["quorum", "device", "add"],
      synopsis: "device add [<generic options>] model <device model> [<model options>]\n[heuristics <heuristics options>]",
      help: DEVICE_ADD_HELP,
      options: EDIT,
      complete: [["model", "heuristics", "sync_timeout=", "timeout="]],
      run: lazy(device, (m) => m.deviceAddCommand),
    },
    {
      path: ["quorum", "device", "heuristics", "delete"],
      synopsis: "device heuristics delete",
      help: HEURISTICS_REMOVE_HELP,
      options: REMOVE,
      run: lazy(device, (m) => m.heuristicsRemoveCommand),
    },
    {
      path: ["quorum", "device", "heuristics", "remove"],
      synopsis: "device heuristics remove",
      help: HEURISTICS_REMOVE_HELP,
      options: REMOVE,
      run: lazy(device, (m) => m.heuristicsRemoveCommand),
    },
    {
      path: ["quorum", "device", "delete"],
      synopsis: "device delete",
      help: "Remove a quorum device from the cluster.",
      options: REMOVE,
      run: lazy(device, (m) => m.deviceRemoveCommand),
    },
    {
      path: ["quorum", "device", "remove"],
      synopsis: "device remove",
      help: "Remove a quorum device from the cluster.",
      options: REMOVE,
      run: lazy(device, (m) => m.deviceRemoveCommand),
    },
    {
      path: ["quorum", "device", "status"],
      synopsis: "device status [--full]",
      help: "Show quorum device runtime status. Using --full will give more detailed output.",
      options: ["--full"],
      run: lazy(live, (m) => m.deviceStatusCommand),
    },
    {
      path: ["quorum", "device", "update"],
      synopsis: "device update [<generic options>] [model <model options>]\n[heuristics <heuristics options>]",
      help: DEVICE_UPDATE_HELP,
      options: EDIT,
      complete: [["model", "heuristics", "sync_timeout=", "timeout="]],
      run: lazy(device, (m) => m.deviceUpdateCommand),
    },
    {
      path: ["quorum", "expected-votes"],
      synopsis: "expected-votes <votes>",
      help: "Set expected votes in the live cluster to specified value. This only affects the live cluster, not changes any configuration files.",
      run: lazy(live, (m) => m.expectedVotesCommand),
    },
    {
      path: ["quorum", "unblock"],
      synopsis: "unblock [--force]",
      help: UNBLOCK_HELP,
      options: ["--force"],
      run: lazy(live, (m) => m.unblockCommand),
    },
    {
      path: ["quorum", "update"],
      synopsis: "update [auto_tie_breaker=[0|1]] [last_man_standing=[0|1]]\n[last_man_standing_window=[<time in ms>]] [wait_for_all=[0|1]]",
      help:
        "Add, remove or change quorum options. At least one option must be specified. Unspecified options will be " +
        "kept unchanged. If you wish to remove an option, set it to empty value, i.e. 'option_name='. Options are " +
        "documented in corosync's votequorum(5) man page. Requires the cluster to be stopped.",
      options: EDIT,
      complete: [["auto_tie_breaker=", "last_man_standing=", "last_man_standing_window=", "wait_for_all="]],
      run: lazy(config, (m) => m.quorumUpdateCommand),
    },
  ],
};
