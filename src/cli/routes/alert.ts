import { deprecatedAlias } from "../../commands/legacy.js";
import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const load = () => import("../../commands/alert/index.js");
const SETS = "[options [<option>=<value>]...] [meta [<meta-option>=<value>]...]";
const KEEP =
  "Options not given keep their current values; give an option an empty value ('name=') to remove it.";

export const alertArea: Area = {
  name: "alert",
  usageHead: "<command>",
  summary: "Manage pacemaker alerts.",
  defaultPath: ["alert", "config"],
  routes: [
    {
      path: ["alert", "config"],
      synopsis: "[config]",
      help: "Print every configured alert handler with its recipients.",
      run: lazy(load, (m) => m.alertConfig),
    },
    {
      path: ["alert", "show"],
      synopsis: "show",
      help: "Deprecated alias of 'alert config'.",
      hidden: true,
      run: deprecatedAlias("pcs alert config", lazy(load, (m) => m.alertConfig)),
    },
    {
      path: ["alert", "get_all_alerts"],
      synopsis: "get_all_alerts",
      help: "Print all alerts as JSON (used by the web UI).",
      hidden: true,
      run: lazy(load, (m) => m.alertJson),
    },
    {
      path: ["alert", "create"],
      synopsis: `create path=<path> [id=<alert-id>] [description=<description>]\n${SETS}`,
      help: "Add an alert handler that runs the program at the given path. Without id=, an id is generated.",
      complete: [["path=", "id=", "description=", "options", "meta"]],
      run: lazy(load, (m) => m.alertCreate),
    },
    {
      path: ["alert", "update"],
      synopsis: `update <alert-id> [path=<path>] [description=<description>]\n${SETS}`,
      help: `Change an existing alert handler. ${KEEP}`,
      complete: ["alert", ["path=", "description=", "options", "meta"]],
      run: lazy(load, (m) => m.alertUpdate),
    },
    {
      path: ["alert", "delete"],
      synopsis: "delete <alert-id> ...",
      help: "Remove the alert handlers with the given ids, with their recipients.",
      complete: ["alert"],
      run: lazy(load, (m) => m.alertDelete),
    },
    {
      path: ["alert", "remove"],
      synopsis: "remove <alert-id> ...",
      help: "The same as 'alert delete'.",
      complete: ["alert"],
      run: lazy(load, (m) => m.alertDelete),
    },
    {
      path: ["alert", "recipient", "add"],
      synopsis: `recipient add <alert-id> value=<recipient-value> [id=<recipient-id>]\n[description=<description>] ${SETS}`,
      help:
        "Add a recipient to an alert handler. A value already used by another recipient of the same alert is " +
        "refused unless --force is given.",
      options: ["--force"],
      complete: ["alert", ["value=", "id=", "description=", "options", "meta"]],
      run: lazy(load, (m) => m.recipientAdd),
    },
    {
      path: ["alert", "recipient", "update"],
      synopsis: `recipient update <recipient-id> [value=<recipient-value>]\n[description=<description>] ${SETS}`,
      help: `Change an existing recipient. ${KEEP}`,
      options: ["--force"],
      complete: [[], ["value=", "description=", "options", "meta"]],
      run: lazy(load, (m) => m.recipientUpdate),
    },
    {
      path: ["alert", "recipient", "delete"],
      synopsis: "recipient delete <recipient-id> ...",
      help: "Remove the recipients with the given ids.",
      complete: [[]],
      run: lazy(load, (m) => m.recipientDelete),
    },
    {
      path: ["alert", "recipient", "remove"],
      synopsis: "recipient remove <recipient-id> ...",
      help: "The same as 'alert recipient delete'.",
      complete: [[]],
      run: lazy(load, (m) => m.recipientDelete),
    },
  ],
};
