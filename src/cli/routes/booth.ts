import { lazy } from "../lazy.js";
import type { Area, Route } from "../route-types.js";

const config = () => import("../../commands/booth/config.js");
const cluster = () => import("../../commands/booth/cluster.js");
const daemon = () => import("../../commands/booth/daemon.js");

const FILES = ["--booth-conf", "--booth-key", "--name"];
const TICKET_REMOVE_HELP = "Remove the specified ticket from the current configuration.";
const RESOURCE_REMOVE_HELP = 'Remove booth resources created by the "pcs booth create" command.';
const GRANT_HELP =
  "Grant the ticket to the site specified by the address, hence to the booth formation this site is a member of. " +
  "When this specification is omitted, site address that has been specified with 'pcs booth create' command is " +
  "used. Specifying site address is therefore mandatory when running this command at a host in an arbitrator role.\n" +
  "Note that the ticket must not be already granted in given booth formation; for an ad-hoc (and, in the worst " +
  "case, abrupt, for a lack of a direct atomicity) change of this preference baring direct interventions at the " +
  "sites, the ticket needs to be revoked first, only then it can be granted at another site again.";
const REVOKE_HELP =
  "Revoke the ticket in the booth formation as identified with one of its member sites specified by the address. " +
  "When this specification is omitted, site address that has been specified with a prior 'pcs booth create' " +
  "command is used. Specifying site address is therefore mandatory when running this command at a host in an " +
  "arbitrator role.";

const service = (action: "enable" | "disable" | "start" | "stop", run: Route["run"]): Route => ({
  path: ["booth", action],
  synopsis: action,
  help: `${action[0].toUpperCase()}${action.slice(1)} booth arbitrator service.`,
  options: ["--name"],
  run,
});

export const boothArea: Area = {
  name: "booth",
  usageHead: "<command>",
  summary: "Manage booth (cluster ticket manager).",
  routes: [
    {
      path: ["booth", "setup"],
      synopsis: "setup sites <address> <address> [<address>...] [arbitrators <address> ...]\n[--force]",
      help:
        "Write new booth configuration with specified sites and arbitrators. Total number of peers (sites and " +
        "arbitrators) must be odd. When the configuration file already exists, command fails unless --force is specified.",
      options: ["--force", ...FILES],
      complete: [["sites", "arbitrators"]],
      run: lazy(config, (m) => m.setupCommand),
    },
    {
      path: ["booth", "destroy"],
      synopsis: "destroy",
      help: "Remove booth configuration files.",
      options: ["--force", "--name"],
      run: lazy(config, (m) => m.destroyCommand),
    },
    {
      path: ["booth", "ticket", "add"],
      synopsis: "ticket add <ticket> [<name>=<value> ...]",
      help: "Add new ticket to the current configuration. Ticket options are specified in booth manpage.",
      options: ["--force", ...FILES],
      run: lazy(config, (m) => m.ticketAddCommand),
    },
    {
      path: ["booth", "ticket", "delete"],
      synopsis: "ticket delete <ticket>",
      help: TICKET_REMOVE_HELP,
      options: FILES,
      run: lazy(config, (m) => m.ticketRemoveCommand),
    },
    {
      path: ["booth", "ticket", "remove"],
      synopsis: "ticket remove <ticket>",
      help: TICKET_REMOVE_HELP,
      options: FILES,
      run: lazy(config, (m) => m.ticketRemoveCommand),
    },
    {
      path: ["booth", "config"],
      synopsis: "config [<node>]",
      help: "Show booth configuration from the specified node or from the current node if node not specified.",
      options: FILES,
      run: lazy(config, (m) => m.configShowCommand),
    },
    {
      path: ["booth", "create"],
      synopsis: "create ip <address>",
      help: "Make the cluster run booth service on the specified ip address as a cluster resource. Typically this is used to run booth site.",
      options: ["--force", "--name"],
      complete: [["ip"]],
      run: lazy(cluster, (m) => m.createCommand),
    },
    { path: ["booth", "delete"], synopsis: "delete", help: RESOURCE_REMOVE_HELP, options: ["--force", "--name"], run: lazy(cluster, (m) => m.removeCommand) },
    { path: ["booth", "remove"], synopsis: "remove", help: RESOURCE_REMOVE_HELP, options: ["--force", "--name"], run: lazy(cluster, (m) => m.removeCommand) },
    {
      path: ["booth", "restart"],
      synopsis: "restart",
      help: 'Restart booth resources created by the "pcs booth create" command.',
      options: ["--force", "--name"],
      run: lazy(cluster, (m) => m.restartCommand),
    },
    {
      path: ["booth", "ticket", "grant"],
      synopsis: "ticket grant <ticket> [<site address>]",
      help: GRANT_HELP,
      options: ["--name"],
      run: lazy(daemon, (m) => m.ticketGrantCommand),
    },
    {
      path: ["booth", "ticket", "revoke"],
      synopsis: "ticket revoke <ticket> [<site address>]",
      help: REVOKE_HELP,
      options: ["--name"],
      run: lazy(daemon, (m) => m.ticketRevokeCommand),
    },
    { path: ["booth", "status"], synopsis: "status", help: "Print current status of booth on the local node.", options: ["--name"], run: lazy(daemon, (m) => m.statusCommand) },
    {
      path: ["booth", "pull"],
      synopsis: "pull <node>",
      help: "Pull booth configuration from the specified node.",
      options: ["--name"],
      complete: ["node"],
      run: lazy(daemon, (m) => m.pullCommand),
    },
    {
      path: ["booth", "sync"],
      synopsis: "sync [--skip-offline]",
      help: "Send booth configuration from the local node to all nodes in the cluster.",
      options: ["--skip-offline", ...FILES],
      run: lazy(daemon, (m) => m.syncCommand),
    },
    service("enable", lazy(daemon, (m) => m.enableCommand)),
    service("disable", lazy(daemon, (m) => m.disableCommand)),
    service("start", lazy(daemon, (m) => m.startCommand)),
    service("stop", lazy(daemon, (m) => m.stopCommand)),
  ],
};
