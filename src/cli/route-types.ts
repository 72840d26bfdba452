import type { Env } from "../env/index.js";
import type { Reports } from "../report/index.js";

/** What a word in a command line can be completed with. */
export type CompletionKind =
  | "resource" // any resource id (primitive, group, clone, bundle)
  | "primitive"
  | "group"
  | "clone"
  | "stonith"
  | "constraint"
  | "node"
  | "agent" // resource agent names
  | "fence-agent"
  | "tag"
  | "alert"
  | "acl-role"
  | "acl-user"
  | "acl-group"
  | "property"
  | "file"
  | readonly string[]; // literal words

export interface CommandContext {
  /** The words after the route's path. */
  args: string[];
  options: ReadonlyMap<string, string | undefined>;
  has(option: string): boolean;
  value(option: string): string | undefined;
  readonly force: boolean;
  reports: Reports;
  /** The CIB's home, created on first use (file or live). */
  env(): Promise<Env>;
  /** Print to stdout (a newline is added). */
  print(text: string): void;
  route: Route;
}

export type Handler = (ctx: CommandContext) => Promise<void> | void;

export interface Route {
  /** Words after `pcs`, e.g. ["resource", "create"]. */
  path: readonly string[];
  /** The synopsis after `pcs <area>`, e.g. "create <resource id> <type> [options]". Continuation lines allowed. */
  synopsis: string;
  /** What the command does, for --help and the man page. */
  help: string;
  /** Options this command accepts besides the global ones (e.g. "--force", "--disabled"). */
  options?: readonly string[];
  /** Completion of the positional words, by position; the last entry repeats. */
  complete?: readonly CompletionKind[];
  /** Not shown in help or completion (deprecated aliases). */
  hidden?: boolean;
  run: Handler;
}

export interface Area {
  name: string;
  summary: string;
  /** The route run when only the area name is given (e.g. `pcs resource` = `pcs resource status`). */
  defaultPath?: readonly string[];
  routes: readonly Route[];
}
