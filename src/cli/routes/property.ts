import { deprecatedAlias } from "../../commands/legacy.js";
import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const set = () => import("../../commands/property/set.js");
const config = () => import("../../commands/property/config.js");

const SEE_MAN = "See pacemaker-controld(7) and pacemaker-schedulerd(7) man pages for a description of the properties.";

export const propertyArea: Area = {
  name: "property",
  summary: "Manage pacemaker properties.",
  defaultPath: ["property", "config"],
  routes: [
    {
      path: ["property", "config"],
      synopsis: "[config [<property> | --all | --defaults]] | [--all | --defaults]",
      help:
        "Show the configured cluster properties (by default only those set in the CIB). With --defaults, show " +
        "the default value of every property; with --all, show the configured ones together with the defaults " +
        "of the others. " + SEE_MAN,
      options: ["--all", "--defaults"],
      complete: ["property"],
      run: withUsage(lazy(config, (m) => m.propertyConfigCommand)),
    },
    {
      path: ["property", "set"],
      synopsis: "set <property>=[<value>] ... [--force]",
      help:
        "Set cluster properties; an empty value removes the property from the configuration. Names and values " +
        "are checked against Pacemaker's metadata: an unknown property is only accepted with --force. " + SEE_MAN,
      options: ["--force"],
      complete: ["property"],
      run: withUsage(lazy(set, (m) => m.propertySetCommand)),
    },
    {
      path: ["property", "unset"],
      synopsis: "unset <property> ...",
      help: "Remove cluster properties from the configuration. " + SEE_MAN,
      options: ["--force"],
      complete: ["property"],
      run: withUsage(lazy(set, (m) => m.propertyUnsetCommand)),
    },
    {
      path: ["property", "list"],
      synopsis: "list",
      help: "Deprecated, use 'pcs property config'.",
      options: ["--all", "--defaults"],
      hidden: true,
      run: deprecatedAlias("pcs property config", withUsage(lazy(config, (m) => m.propertyConfigCommand))),
    },
    {
      path: ["property", "show"],
      synopsis: "show",
      help: "Deprecated, use 'pcs property config'.",
      options: ["--all", "--defaults"],
      hidden: true,
      run: deprecatedAlias("pcs property config", withUsage(lazy(config, (m) => m.propertyConfigCommand))),
    },
  ],
};
