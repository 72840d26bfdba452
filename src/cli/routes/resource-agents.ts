// resource create/update/describe/list/agents/standards/providers (agents and parameters)
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";

const create = () => import("../../commands/resource/create.js");
const update = () => import("../../commands/resource/update.js");
const agents = () => import("../../commands/resource/agents-list.js");
const describe = () => import("../../commands/resource/describe.js");
const agentInfo = () => import("../../commands/resource/agent-info.js");

export const resourceAgentRoutes: Route[] = [
  {
    path: ["resource", "create"],
    synopsis:
      "create <resource id> [<standard>:[<provider>:]]<type> [resource options]\n" +
      "[op <operation action> <operation options> [<operation action>\n" +
      "<operation options>]...] [meta <meta options>...]\n" +
      "[clone [<clone id>] [<clone options>] |\n" +
      "promotable [<clone id>] [<promotable options>] |\n" +
      "--group <group id> [--before <resource id> | --after <resource id>] |\n" +
      "bundle <bundle id>] [--disabled] [--agent-validation]\n" +
      "[--no-default-ops] [--wait[=n]]",
    help:
      "Add a new resource using the given agent. The agent's metadata decides which resource options are " +
      "accepted and required, and which operations are added by default (only monitor with --no-default-ops). " +
      "The new resource can be wrapped at once in a clone or a promotable clone, put into a group (at a position " +
      "given by --before or --after), or into a bundle. --disabled keeps it stopped (target-role=Stopped). " +
      "--agent-validation also runs the agent's validate-all action on the resource options. --force accepts " +
      "unknown agents, options and operations.\n" +
      "Example: pcs resource create VirtualIP ocf:heartbeat:IPaddr2 ip=192.168.0.99 cidr_netmask=32 op monitor interval=30s",
    options: ["--agent-validation", "--before", "--after", "--group", "--force", "--disabled", "--no-default-ops", "--wait"],
    complete: ["resource", "agent"],
    run: lazy(create, (m) => m.resourceCreate),
  },

  {
    path: ["resource", "update"],
    synopsis:
      "update <resource id> [resource options] [op [<operation action> <operation\n" +
      "options>]...] [meta <meta operations>...] [--agent-validation]\n" +
      "[--wait[=n]]",
    help:
      "Change the options of a resource, or the meta attributes of a clone. Options not mentioned stay as they " +
      "are; an empty value ('name=') removes an option. Each 'op <action>' replaces the first operation with that " +
      "action (and role) with the options given, or adds it when there is none; use 'op add' and 'op remove' for " +
      "several operations of one action. --agent-validation also runs the agent's validate-all action.",
    options: ["--wait", "--force", "--agent-validation"],
    complete: ["resource"],
    run: lazy(update, (m) => m.resourceUpdate),
  },

  {
    path: ["resource", "describe"],
    synopsis: "describe [<standard>:[<provider>:]]<type> [--full]",
    help:
      "Show what a resource agent does, the options it takes and the operations a new resource gets by " +
      "default. --full also shows advanced and deprecated options.",
    options: ["--full"],
    complete: ["agent"],
    run: lazy(describe, (m) => m.resourceDescribe),
  },
  {
    path: ["resource", "get_resource_agent_info"],
    synopsis: "get_resource_agent_info <agent>",
    help: "The agent's metadata as JSON, for pcsd's web interface (not for scripts: its form may change).",
    hidden: true,
    run: lazy(agentInfo, (m) => m.resourceAgentInfo),
  },
  {
    path: ["resource", "list"],
    synopsis: "list [filter] [--nodesc]",
    help:
      "List the installed resource agents with a short description; a filter keeps the agents whose full name " +
      "contains it (case does not matter). --nodesc leaves the descriptions out.",
    options: ["--nodesc"],
    run: lazy(agents, (m) => m.resourceList),
  },
  {
    path: ["resource", "standards"],
    synopsis: "standards",
    help: "List the resource agent standards this host supports (ocf, lsb, ...).",
    run: lazy(agents, (m) => m.resourceStandards),
  },
  {
    path: ["resource", "providers"],
    synopsis: "providers",
    help: "List the OCF resource agent providers installed on this host.",
    run: lazy(agents, (m) => m.resourceProviders),
  },
  {
    path: ["resource", "agents"],
    synopsis: "agents [standard[:provider]]",
    help: "List the resource agents of a standard (and provider), or of all of them.",
    complete: [["ocf", "lsb", "service", "systemd", "ocf:heartbeat", "ocf:pacemaker"]],
    run: lazy(agents, (m) => m.resourceAgents),
  },
];
