// pcs cluster uidgid [add|delete|remove] [uid=<uid>] [gid=<gid>]: the users and groups corosync lets
// connect, one file each in corosync's uidgid.d on this machine, named and written as pcs does.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fail, ReportedError } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { commandReplaced } from "../legacy.js";
import { ensureOnlySupported } from "../quorum/args.js";

/** corosync's directory (pcs's settings.corosync_uidgid_dir); PCS_LITE_COROSYNC_UIDGID_DIR points elsewhere. */
export const uidgidDir = (): string => process.env.PCS_LITE_COROSYNC_UIDGID_DIR || "/etc/corosync/uidgid.d";

export interface UidGid {
  uid?: string;
  gid?: string;
}

/** As pcs reads a file: from the line opening `uidgid {` on, the last `uid:` and `gid:` values; comments ignored. */
export function parseUidGid(text: string): UidGid {
  const found: UidGid = {};
  let inside = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "");
    if (!inside && !/uidgid.*\{/.test(line)) continue;
    inside = true;
    const uid = /uid:\s*(\S+)/.exec(line);
    if (uid) found.uid = uid[1];
    const gid = /gid:\s*(\S+)/.exec(line);
    if (gid) found.gid = gid[1];
  }
  return found;
}

/** The file's text as pcs writes it (its odd indentation too). */
export const uidgidFileText = (uid: string, gid: string): string => `uidgid {\n  uid: ${uid}\ngid: ${gid}\n}\n`;

function readDir(dir: string): { name: string; entry: UidGid }[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    return fail("GENERIC", { text: `Unable to read directory '${dir}': ${(e as NodeJS.ErrnoException).message}` });
  }
  return names.filter((name) => statSync(join(dir, name), { throwIfNoEntry: false })?.isFile()).map((name) => ({ name, entry: parseUidGid(readFileSync(join(dir, name), "utf8")) }));
}

/** The files naming exactly this uid and gid: an empty one given matches a file without it. */
function matching(dir: string, uid: string, gid: string): string[] {
  if (!uid && !gid) return [];
  const same = (mine: string, theirs: string | undefined) => (theirs === undefined ? mine === "" : mine === theirs);
  return readDir(dir)
    .filter(({ entry }) => same(uid, entry.uid) && same(gid, entry.gid))
    .map(({ name }) => name);
}

function list(ctx: CommandContext): void {
  const lines = readDir(uidgidDir())
    .map(({ entry }) => entry)
    .filter((e) => e.uid !== undefined || e.gid !== undefined)
    .map((e) => `UID/GID: uid=${e.uid ?? ""} gid=${e.gid ?? ""}`);
  if (lines.length) ctx.print(lines.join("\n"));
  else process.stderr.write("No uidgids configured\n");
}

function parseIds(words: string[]): { uid: string; gid: string } {
  const ids = { uid: "", gid: "" };
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq < 0) fail("GENERIC", { text: "uidgid options must be of the form uid=<uid> gid=<gid>" });
    const key = word.slice(0, eq);
    if (key !== "uid" && key !== "gid") fail("GENERIC", { text: `${key} is not a valid key, you must use uid or gid` });
    ids[key] = word.slice(eq + 1);
  }
  if (!ids.uid && !ids.gid) fail("GENERIC", { text: "you must set either uid or gid" });
  return ids;
}

function add(uid: string, gid: string): void {
  const dir = uidgidDir();
  if (matching(dir, uid, gid).length) fail("UIDGID_FILE_EXISTS", { uid, gid });
  const base = `pcs-uidgid-${uid}-${gid}`;
  let name = base;
  for (let n = 1; existsSync(join(dir, name)); n++) name = `${base}-${n}`;
  try {
    writeFileSync(join(dir, name), uidgidFileText(uid, gid));
  } catch (e) {
    fail("GENERIC", { text: `Unable to write file '${join(dir, name)}': ${(e as NodeJS.ErrnoException).message}` });
  }
}

function remove(uid: string, gid: string): void {
  const dir = uidgidDir();
  const files = matching(dir, uid, gid);
  if (!files.length) fail("UIDGID_FILE_NOT_FOUND", { uid, gid });
  for (const name of files) rmSync(join(dir, name), { force: true });
}

/** pcs's usage of the whole uidgid command, whichever of its forms was mistyped. */
function usage(ctx: CommandContext): never {
  process.stderr.write(`${ctx.usage.of(["cluster", "uidgid"]) ?? ctx.usage.route()}\n`);
  throw new ReportedError([], false);
}

export function uidgidCommand(ctx: CommandContext): void {
  ensureOnlySupported(ctx, []);
  // the add / delete / remove routes share this handler: their word is part of the route's path
  const [command, ...words] = [...ctx.route.path.slice(2), ...ctx.args];
  if (command === undefined) return list(ctx);
  if (command === "rm") commandReplaced(["pcs cluster uidgid delete", "pcs cluster uidgid remove"]);
  if (!["add", "delete", "remove"].includes(command) || !words.length) usage(ctx);
  const { uid, gid } = parseIds(words);
  if (command === "add") add(uid, gid);
  else remove(uid, gid);
}
