import type { CommandRoute, Handler } from "../commands/context.js";

export type { CommandContext, Handler } from "../commands/context.js";

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

export interface Route extends CommandRoute {
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
  /** What follows "Usage: pcs <area>" in pcs's usage of part of the area ("[commands]" stands for the
   * words it is of); default "[commands]...". */
  usageHead?: string;
  routes: readonly Route[];
}
