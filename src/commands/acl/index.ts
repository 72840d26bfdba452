// pcs acl ...: thin CLI handlers; CIB edits in ./cib.ts.
import { section } from "../../cib/document.js";
import { IdIndex } from "../../cib/ids.js";
import { setNvpair } from "../../cib/nvset.js";
import { childElements, createElement, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { usageError } from "../alert/args.js";
import * as acl from "./cib.js";
import { aclConfigText } from "./render.js";

async function edit(ctx: CommandContext, body: (cib: XmlElement) => void): Promise<void> {
  await (await ctx.env()).editCib((cib) => body(cib), ctx.reports);
}

function parsePermissions(ctx: CommandContext, args: readonly string[]): acl.PermissionInfo[] {
  if (args.length % 3 !== 0) usageError(ctx);
  const list: acl.PermissionInfo[] = [];
  for (let i = 0; i < args.length; i += 3) {
    const kind = args[i].toLowerCase();
    const scopeType = args[i + 1].toLowerCase();
    if (!["read", "write", "deny"].includes(kind) || !["xpath", "id"].includes(scopeType)) usageError(ctx);
    list.push({ kind: kind as acl.PermissionKind, scopeType: scopeType as "xpath" | "id", scope: args[i + 2] });
  }
  return list;
}

export async function aclConfig(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  const cib = await (await ctx.env()).readCib();
  ctx.print(aclConfigText(cib));
}


function setEnableAcl(cib: XmlElement, value: string): void {
  const crmConfig = section(cib, "crm_config");
  const set =
    childElements(crmConfig, "cluster_property_set").find((s) => s.attrs.id === "cib-bootstrap-options") ??
    createElement("cluster_property_set", { id: "cib-bootstrap-options" }, crmConfig);
  setNvpair(set, "enable-acl", value, new IdIndex(cib));
}

export async function aclEnable(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  await edit(ctx, (cib) => setEnableAcl(cib, "true"));
}

export async function aclDisable(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError(ctx);
  await edit(ctx, (cib) => setEnableAcl(cib, "false"));
}

export async function roleCreate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const [roleId, ...rest] = ctx.args;
  let description = "";
  if (rest.length && rest[0].startsWith("description=") && rest[0].length > "description=".length) {
    description = rest.shift()!.slice("description=".length);
  }
  const permissions = parsePermissions(ctx, rest);
  await edit(ctx, (cib) => acl.createRole(cib, roleId, permissions, description));
}

export async function roleDelete(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  await edit(ctx, (cib) => acl.removeRole(cib, ctx.args[0], ctx.has("--autodelete")));
}

type Target = { kind: "any" | "user" | "group"; roleId: string; id: string };

/** `<role id> [to|from] [user|group] <id>`, as pcs reads it. */
function parseAssign(ctx: CommandContext, keyword: string): Target {
  const a = ctx.args;
  if (a.length === 2) return { kind: "any", roleId: a[0], id: a[1] };
  if (a.length === 3) {
    if (a[1] === keyword) return { kind: "any", roleId: a[0], id: a[2] };
    if (a[1] === "user" || a[1] === "group") return { kind: a[1], roleId: a[0], id: a[2] };
  }
  if (a.length === 4 && a[1] === keyword && (a[2] === "user" || a[2] === "group")) return { kind: a[2], roleId: a[0], id: a[3] };
  return usageError(ctx);
}

function findTarget(cib: XmlElement, t: Target): XmlElement {
  if (t.kind === "user") return acl.findUser(cib, t.id);
  if (t.kind === "group") return acl.findGroup(cib, t.id);
  return acl.findUserOrGroup(cib, t.id);
}

export async function roleAssign(ctx: CommandContext): Promise<void> {
  const t = parseAssign(ctx, "to");
  await edit(ctx, (cib) => acl.assignRole(cib, t.roleId, findTarget(cib, t)));
}

export async function roleUnassign(ctx: CommandContext): Promise<void> {
  const t = parseAssign(ctx, "from");
  await edit(ctx, (cib) => acl.unassignRole(findTarget(cib, t), t.roleId, ctx.has("--autodelete")));
}

export async function userCreate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  await edit(ctx, (cib) => acl.createUser(cib, ctx.args[0], ctx.args.slice(1)));
}

export async function userDelete(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  await edit(ctx, (cib) => acl.removeElement(acl.findUser(cib, ctx.args[0])));
}

export async function groupCreate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  await edit(ctx, (cib) => acl.createGroup(cib, ctx.args[0], ctx.args.slice(1)));
}

export async function groupDelete(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  await edit(ctx, (cib) => acl.removeElement(acl.findGroup(cib, ctx.args[0])));
}

export async function permissionAdd(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 4) usageError(ctx);
  const permissions = parsePermissions(ctx, ctx.args.slice(1));
  await edit(ctx, (cib) => acl.addPermission(cib, ctx.args[0], permissions));
}

export async function permissionDelete(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  await edit(ctx, (cib) => acl.removePermission(cib, ctx.args[0]));
}
