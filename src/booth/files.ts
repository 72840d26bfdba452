// Where a booth instance's configuration and key live: /etc/booth/<name>.conf and .key, or the files given
// with --booth-conf and --booth-key (both or neither). Read and write errors carry pcs's texts.
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../host/atomic.js";
import { error, ReportedError, type ReportItem } from "../report/index.js";
import { BoothParseError, DEFAULT_INSTANCE_NAME, parseBoothConfig, type BoothItem } from "./config.js";
import { checkInstanceName } from "./validate.js";

export const BOOTH_CONFIG_DIR = "/etc/booth";
const KEY_MODE = 0o600;

export interface BoothFiles {
  instance: string;
  configPath: string;
  keyPath: string;
  /** The files come from --booth-conf/--booth-key, not from the booth configuration folder. */
  mocked: boolean;
}

const stop = (text: string, summarize = true): never => {
  throw new ReportedError([error("GENERIC", { text })], summarize);
};

/** Refuses one of --booth-conf/--booth-key without the other, as pcs does before anything else. */
export function resolveBoothFiles(options: { conf?: string; key?: string; name?: string }): BoothFiles {
  if (options.conf !== undefined && options.key === undefined) stop("When --booth-conf is specified, --booth-key must be specified as well", false);
  if (options.key !== undefined && options.conf === undefined) stop("When --booth-key is specified, --booth-conf must be specified as well", false);
  const instance = options.name || DEFAULT_INSTANCE_NAME;
  const bad = checkInstanceName(instance);
  if (bad.length) throw new ReportedError(bad, true);
  if (options.conf !== undefined && options.key !== undefined) {
    return { instance, configPath: options.conf, keyPath: options.key, mocked: true };
  }
  return { instance, configPath: join(BOOTH_CONFIG_DIR, `${instance}.conf`), keyPath: join(BOOTH_CONFIG_DIR, `${instance}.key`), mocked: false };
}

/** The reason text of a failed file operation, as Python words it. */
function reason(e: unknown, path: string, withPath: boolean): string {
  const err = e as NodeJS.ErrnoException;
  const text =
    err.code === "ENOENT"
      ? "No such file or directory"
      : err.code === "EACCES"
        ? "Permission denied"
        : err.code === "EISDIR"
          ? "Is a directory"
          : err.code === "ENOTDIR"
            ? "Not a directory"
            : err.message;
  return withPath ? `${text}: '${path}'` : text;
}

export function fileIoError(action: "read" | "write" | "remove", role: string, path: string | undefined, e: unknown): ReportItem {
  const where = path === undefined ? "" : ` '${path}'`;
  return error("GENERIC", { text: `Unable to ${action} ${role}${where}: ${reason(e, path ?? "", path !== undefined)}` });
}

/** The raw text of the configuration. */
export function readBoothText(files: BoothFiles): string {
  try {
    return readFileSync(files.configPath, "utf8");
  } catch (e) {
    // a file given with --booth-conf is read by the CLI, which names no path
    throw new ReportedError([fileIoError("read", "Booth configuration", files.mocked ? undefined : files.configPath, e)], true);
  }
}

export function readBoothConfig(files: BoothFiles): BoothItem[] {
  const text = readBoothText(files);
  try {
    return parseBoothConfig(text);
  } catch (e) {
    if (!(e instanceof BoothParseError)) throw e;
    const lines = e.lines;
    const where = files.mocked ? "" : ` '${files.configPath}'`;
    return stop(`unexpected ${lines.length === 1 ? "line" : "lines"} in booth config${where}:\n${lines.join("\n")}`);
  }
}

export const boothConfigExists = (files: BoothFiles): boolean => existsSync(files.configPath);
export const boothKeyExists = (files: BoothFiles): boolean => existsSync(files.keyPath);

export function writeBoothText(files: BoothFiles, text: string): void {
  try {
    writeFileAtomic(files.configPath, text);
  } catch (e) {
    const where = files.mocked || existsSync(dirname(files.configPath));
    if (!where) stop(`Configuration directory for booth '${dirname(files.configPath)}' is missing. Is booth installed?`);
    throw new ReportedError([fileIoError("write", "Booth configuration", files.configPath, e)], !files.mocked);
  }
}

export function writeBoothKey(files: BoothFiles, key: Buffer): void {
  try {
    // writeSync writes a Buffer as it is; atomic.ts declares string content only
    writeFileAtomic(files.keyPath, key, KEY_MODE);
  } catch (e) {
    if (!files.mocked && !existsSync(dirname(files.keyPath))) {
      stop(`Configuration directory for booth '${dirname(files.keyPath)}' is missing. Is booth installed?`);
    }
    throw new ReportedError([fileIoError("write", "Booth key", files.keyPath, e)], !files.mocked);
  }
}

export function removeFile(path: string, role: string, missingIsError: boolean): ReportItem[] {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && !missingIsError) return [];
    return [fileIoError("remove", role, path, e)];
  }
  return [];
}
