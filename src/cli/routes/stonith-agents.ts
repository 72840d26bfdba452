// stonith create/update/describe/list
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";

const create = () => import("../../commands/stonith/create.js");
const update = () => import("../../commands/resource/update.js");
const agents = () => import("../../commands/resource/agents-list.js");
const describe = () => import("../../commands/resource/describe.js");

export const stonithAgentRoutes: Route[] = [
  {
    path: ["stonith", "create"],
    synopsis:
      "create <stonith id> <stonith device type> [stonith device options]\n" +
      "[op <operation action> <operation options> [<operation action>\n" +
      "<operation options>]...] [meta <meta options>...]\n" +
      "[--group <group id> [--before <stonith id> | --after <stonith id>]]\n" +
      "[--disabled] [--agent-validation] [--wait[=n]]",
    help:
      "Add a fence device using the given fence agent (its name without the 'stonith:' prefix). The agent's " +
      "metadata and pacemaker's fencer decide which options are accepted; only a monitor operation is added " +
      "by default. --disabled keeps the device stopped. --agent-validation also runs the agent's validate-all " +
      "action. Putting a fence device into a group (--group) is deprecated. --force accepts unknown agents and options.\n" +
      "Example: pcs stonith create MyFence fence_virt pcmk_host_list=f1",
    options: ["--before", "--after", "--group", "--force", "--disabled", "--no-default-ops", "--agent-validation", "--wait"],
    complete: ["stonith", "fence-agent"],
    run: lazy(create, (m) => m.stonithCreate),
  },

  {
    path: ["stonith", "update"],
    synopsis: "update <stonith id> [stonith options] [op [<operation action> <operation\noptions>]...] [meta <meta operations>...] [--agent-validation]\n[--wait[=n]]",
    help:
      "Change the options of a fence device. Options not mentioned stay as they are; an empty value ('name=') " +
      "removes an option. Operations and meta attributes are changed as with 'pcs resource update'.",
    options: ["--wait", "--force", "--agent-validation"],
    complete: ["stonith"],
    run: lazy(update, (m) => m.stonithUpdate),
  },

  {
    path: ["stonith", "list"],
    synopsis: "list [filter] [--nodesc]",
    help:
      "List the installed fence agents with a short description; a filter keeps the agents whose name " +
      "contains it (case does not matter). --nodesc leaves the descriptions out.",
    options: ["--nodesc"],
    run: lazy(agents, (m) => m.stonithList),
  },
  {
    path: ["stonith", "describe"],
    synopsis: "describe <stonith agent> [--full]",
    help:
      "Show what a fence agent does and the options it takes, pacemaker's own fencing options included. " +
      "--full also shows advanced and deprecated options.",
    options: ["--full"],
    complete: ["fence-agent"],
    run: lazy(describe, (m) => m.stonithDescribe),
  },
];
