// What a command is given to run: its words and options, the reports it adds to, where the CIB
// lives, and the few facts of the route table it needs (its path, its options, pcs's usage texts).
// The CLI builds it; commands import nothing of the CLI.
import type { Env } from "../env/index.js";
import type { Reports } from "../report/index.js";

/** Options every command accepts. */
export const GLOBAL_OPTIONS = ["-f", "--debug", "--request-timeout", "-h", "--help", "--corosync_conf"];

/** The command as the route table describes it, as far as the command needs to know. */
export interface CommandRoute {
  /** Words after `pcs`, e.g. ["resource", "create"]. */
  path: readonly string[];
  /** The synopsis after `pcs <area>`, e.g. "create <resource id> <type> [options]". Continuation lines allowed. */
  synopsis: string;
  /** What the command does, for --help and the man page. */
  help: string;
  /** Options this command accepts besides the global ones (e.g. "--force", "--disabled"). */
  options?: readonly string[];
}

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
  route: CommandRoute;
  /** pcs's usage texts: of the commands under `words` (an area, or a command and its sub-commands),
   * and of this command's route alone. */
  usage: {
    of(words: readonly string[], unknownSubcommand?: boolean): string | undefined;
    route(): string;
    /** pcs's sub_usage of the words after the area (see cli/help.ts subUsage). */
    sub(words: readonly string[]): string;
  };
}

export type Handler = (ctx: CommandContext) => Promise<void> | void;
