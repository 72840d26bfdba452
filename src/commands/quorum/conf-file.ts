// Where the corosync.conf commands get the file and put it back: the --corosync_conf FILE (locked for a
// read-modify-write, rewritten in place) or the local /etc/corosync/corosync.conf (read only: pcs-lite does
// not distribute corosync.conf to a running cluster's nodes yet). Errors are pcs's, in its two styles.
import type { CommandContext } from "../context.js";
import { lockFile, LockTimeoutError, type HeldLock } from "../../env/file-lock.js";
import { CorosyncFileError, readCorosyncFile, writeCorosyncFile } from "../../corosync/file.js";
import { CorosyncParseError, exportCorosyncConf, findBadNamesAndValues, parseCorosyncConf, type Section } from "../../corosync/parser.js";
import { error, fail, quoteList } from "../../report/index.js";

export const LOCAL_COROSYNC_CONF = "/etc/corosync/corosync.conf";

/**
 * "legacy": the quorum commands' "Unable to read FILE: reason", written back only when changed;
 * "file": the cluster config commands' "Unable to read Corosync configuration 'FILE': ...", always written.
 */
export type FileStyle = "legacy" | "file";

export interface LoadedConf {
  file: string;
  /** the file is the one given with --corosync_conf */
  given: boolean;
  text: string;
  root: Section;
}

function readText(file: string, style: FileStyle): string {
  try {
    return readCorosyncFile(file);
  } catch (e) {
    if (!(e instanceof CorosyncFileError)) throw e;
    return fail("GENERIC", {
      text: style === "legacy" ? `Unable to read ${file}: ${e.reason}` : `Unable to read Corosync configuration '${file}': ${e.reason}: '${file}'`,
    });
  }
}

export function loadConf(ctx: CommandContext, style: FileStyle): LoadedConf {
  const given = ctx.value("--corosync_conf");
  const file = given ?? LOCAL_COROSYNC_CONF;
  const text = readText(file, style);
  try {
    return { file, given: given !== undefined, text, root: parseCorosyncConf(text) };
  } catch (e) {
    if (!(e instanceof CorosyncParseError)) throw e;
    ctx.reports.add(error("GENERIC", { text: e.message }));
    ctx.reports.throwIfErrors();
    throw e;
  }
}

function refuseInvalidNamesAndValues(root: Section): void {
  const bad = findBadNamesAndValues(root);
  if (!bad.sections.length && !bad.attrNames.length && !bad.attrValues.length) return;
  const parts: string[] = [];
  if (bad.sections.length) parts.push(`invalid section name(s): ${quoteList(bad.sections)}`);
  if (bad.attrNames.length) parts.push(`invalid option name(s): ${quoteList(bad.attrNames)}`);
  if (bad.attrValues.length) parts.push(`invalid option value(s): ${bad.attrValues.map(([n, v]) => `'${v}' (option '${n}')`).join(", ")}`);
  fail("GENERIC", { text: `Cannot save corosync.conf containing ${parts.join("; ")}` });
}

/** Writes the edited tree back to the file (legacy style: only when its text changed). */
export function saveConf(loaded: LoadedConf, style: FileStyle): void {
  refuseInvalidNamesAndValues(loaded.root);
  const text = exportCorosyncConf(loaded.root);
  if (style === "legacy" && text === loaded.text) return;
  try {
    writeCorosyncFile(loaded.file, text);
  } catch (e) {
    if (!(e instanceof CorosyncFileError)) throw e;
    fail("GENERIC", {
      text: style === "legacy" ? `Unable to write ${loaded.file}: ${e.reason}` : `Unable to write Corosync configuration '${loaded.file}': ${e.reason}: '${loaded.file}'`,
    });
  }
}

/** A change needs --corosync_conf: pcs-lite does not push corosync.conf to a running cluster. */
export function refuseLiveChange(ctx: CommandContext): void {
  if (ctx.has("--corosync_conf")) return;
  fail("GENERIC", {
    text: `'pcs ${ctx.route.path.join(" ")}' without --corosync_conf is not supported by pcs-lite yet: distributing corosync.conf to the nodes of a running cluster is not implemented`,
  });
}

/** Loads, edits and saves the file under its lock, as a -f CIB file is edited. */
export async function editConf(ctx: CommandContext, style: FileStyle, edit: (loaded: LoadedConf) => void | Promise<void>): Promise<void> {
  refuseLiveChange(ctx);
  const file = ctx.value("--corosync_conf")!;
  let lock: HeldLock | undefined;
  try {
    lock = await lockFile(file);
  } catch (e) {
    if (e instanceof LockTimeoutError) fail("GENERIC", { text: `corosync.conf file '${file}' is locked by another pcs process` });
    // no lock where the folder is not writable; pcs itself takes none there either (it locks the file)
  }
  try {
    const loaded = loadConf(ctx, style);
    await edit(loaded);
    saveConf(loaded, style);
  } finally {
    lock?.release();
  }
}
