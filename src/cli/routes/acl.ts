import { deprecatedAlias } from "../../commands/legacy.js";
import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";

const load = () => import("../../commands/acl/index.js");
const PERMISSIONS = "((read | write | deny) (xpath <query> | id <id>))";
const PERMISSION_HELP =
  "A permission applies to the whole XML subtree of the element it selects: read lets the user see it, write " +
  "lets the user create, change or remove it, deny hides it. The more specific match wins; among permissions " +
  "for the same match deny wins over write, and write over read. An xpath selecting elements by an attribute " +
  "still grants access to the whole element, never to a single attribute.";
const GUESS = "Without 'user' or 'group', a user with the id is used if there is one, else a group.";

export const aclArea: Area = {
  name: "acl",
  summary: "Manage pacemaker access control lists.",
  defaultPath: ["acl", "config"],
  routes: [
    {
      path: ["acl", "config"],
      synopsis: "[config]",
      help: "Print whether ACLs are enabled, and every ACL user, group and role with its permissions.",
      run: lazy(load, (m) => m.aclConfig),
    },
    {
      path: ["acl", "show"],
      synopsis: "show",
      help: "Deprecated alias of 'acl config'.",
      hidden: true,
      run: deprecatedAlias("pcs acl config", lazy(load, (m) => m.aclConfig)),
    },
    {
      path: ["acl", "enable"],
      synopsis: "enable",
      help: "Turn access control lists on (cluster property enable-acl=true).",
      run: lazy(load, (m) => m.aclEnable),
    },
    {
      path: ["acl", "disable"],
      synopsis: "disable",
      help: "Turn access control lists off (cluster property enable-acl=false).",
      run: lazy(load, (m) => m.aclDisable),
    },
    {
      path: ["acl", "role", "create"],
      synopsis: `role create <role id> [description=<description>]\n[${PERMISSIONS}...]`,
      help: `Add a role, optionally with a description and permissions. ${PERMISSION_HELP}`,
      complete: [[], ["description=", "read", "write", "deny"]],
      run: lazy(load, (m) => m.roleCreate),
    },
    {
      path: ["acl", "role", "delete"],
      synopsis: "role delete <role id>",
      help:
        "Remove a role and take it away from every user and group that has it. With --autodelete, users and " +
        "groups left without any role are removed too.",
      options: ["--autodelete"],
      complete: ["acl-role"],
      run: lazy(load, (m) => m.roleDelete),
    },
    {
      path: ["acl", "role", "remove"],
      synopsis: "role remove <role id>",
      help: "The same as 'acl role delete'.",
      options: ["--autodelete"],
      complete: ["acl-role"],
      run: lazy(load, (m) => m.roleDelete),
    },
    {
      path: ["acl", "role", "assign"],
      synopsis: "role assign <role id> [to] [user|group] <username/group>",
      help: `Give a role to an existing user or group. ${GUESS}`,
      complete: ["acl-role", ["to", "user", "group"]],
      run: lazy(load, (m) => m.roleAssign),
    },
    {
      path: ["acl", "role", "unassign"],
      synopsis: "role unassign <role id> [from] [user|group] <username/group>",
      help: `Take a role away from a user or group. ${GUESS} With --autodelete, a user or group left without any role is removed.`,
      options: ["--autodelete"],
      complete: ["acl-role", ["from", "user", "group"]],
      run: lazy(load, (m) => m.roleUnassign),
    },
    {
      path: ["acl", "user", "create"],
      synopsis: "user create <username> [<role id>]...",
      help: "Add an ACL user and give it the listed roles.",
      complete: [[], "acl-role"],
      run: lazy(load, (m) => m.userCreate),
    },
    {
      path: ["acl", "user", "delete"],
      synopsis: "user delete <username>",
      help: "Remove an ACL user (its roles stay defined).",
      complete: ["acl-user"],
      run: lazy(load, (m) => m.userDelete),
    },
    {
      path: ["acl", "user", "remove"],
      synopsis: "user remove <username>",
      help: "The same as 'acl user delete'.",
      complete: ["acl-user"],
      run: lazy(load, (m) => m.userDelete),
    },
    {
      path: ["acl", "group", "create"],
      synopsis: "group create <group> [<role id>]...",
      help: "Add an ACL group and give it the listed roles.",
      complete: [[], "acl-role"],
      run: lazy(load, (m) => m.groupCreate),
    },
    {
      path: ["acl", "group", "delete"],
      synopsis: "group delete <group>",
      help: "Remove an ACL group (its roles stay defined).",
      complete: ["acl-group"],
      run: lazy(load, (m) => m.groupDelete),
    },
    {
      path: ["acl", "group", "remove"],
      synopsis: "group remove <group>",
      help: "The same as 'acl group delete'.",
      complete: ["acl-group"],
      run: lazy(load, (m) => m.groupDelete),
    },
    {
      path: ["acl", "permission", "add"],
      synopsis: `permission add <role id>\n${PERMISSIONS}...`,
      help: `Add permissions to a role (the role is created when missing). ${PERMISSION_HELP}`,
      complete: ["acl-role", ["read", "write", "deny"]],
      run: lazy(load, (m) => m.permissionAdd),
    },
    {
      path: ["acl", "permission", "delete"],
      synopsis: "permission delete <permission id>",
      help: "Remove a permission; 'pcs acl config' shows permission ids in parentheses.",
      run: lazy(load, (m) => m.permissionDelete),
    },
    {
      path: ["acl", "permission", "remove"],
      synopsis: "permission remove <permission id>",
      help: "The same as 'acl permission delete'.",
      run: lazy(load, (m) => m.permissionDelete),
    },
  ],
};
