import { deprecatedAlias } from "../../commands/legacy.js";
import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const load = () => import("../../commands/tag/index.js");

export const tagArea: Area = {
  name: "tag",
  usageHead: "<command>",
  summary: "Manage pacemaker tags.",
  defaultPath: ["tag", "config"],
  routes: [
    {
      path: ["tag", "config"],
      synopsis: "[config [<tag id>...]]",
      help: "Print the configured tags (or only the given ones) with the ids each of them holds.",
      complete: ["tag"],
      run: lazy(load, (m) => m.tagConfig),
    },
    {
      path: ["tag", "list"],
      synopsis: "list [<tag id>...]",
      help: "Deprecated alias of 'tag config'.",
      hidden: true,
      complete: ["tag"],
      run: deprecatedAlias("pcs tag config", lazy(load, (m) => m.tagConfig)),
    },
    {
      path: ["tag", "create"],
      synopsis: "create <tag id> <id> [<id>]...",
      help: "Add a tag that groups the given resource ids under one name.",
      complete: [[], "resource"],
      run: lazy(load, (m) => m.tagCreate),
    },
    {
      path: ["tag", "delete"],
      synopsis: "delete <tag id>...",
      help: "Remove the given tags. A tag used by a constraint cannot be removed.",
      complete: ["tag"],
      run: lazy(load, (m) => m.tagDelete),
    },
    {
      path: ["tag", "remove"],
      synopsis: "remove <tag id>...",
      help: "The same as 'tag delete'.",
      complete: ["tag"],
      run: lazy(load, (m) => m.tagDelete),
    },
    {
      path: ["tag", "update"],
      synopsis: "update <tag id> [add <id> [<id>]... [--before <id> | --after <id>]]\n[remove <id> [<id>]...]",
      help:
        "Add ids to a tag, remove ids from it, or both. --before or --after puts the added ids next to an id " +
        "already in the tag; naming ids the tag already holds together with --before or --after moves them.",
      options: ["--before", "--after"],
      complete: ["tag", ["add", "remove"], "resource"],
      run: lazy(load, (m) => m.tagUpdate),
    },
  ],
};
