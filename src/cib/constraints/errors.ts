// Errors of pcs's legacy constraint commands, which stop at the first problem.
import { fail } from "../../report/index.js";

/**
 * Bad command-line syntax: the CLI prints the command's usage, or `text` as an error when given, followed by
 * `hint` ("Hint: ...") and, with `showUsage`, the usage too (pcs's CmdLineInputError).
 */
export class UsageError extends Error {
  constructor(
    readonly text?: string,
    readonly more: { hint?: string; showUsage?: boolean } = {},
  ) {
    super(text ?? "usage");
  }
}

/** Two resources is all a plain order/colocation takes; more go in a set. */
export const tooManyResources = (keyword: "with" | "then", command: "colocation" | "order"): UsageError =>
  new UsageError(`Multiple '${keyword}'s cannot be specified.`, {
    hint: `Use the 'pcs constraint ${command} set' command if you want to create a constraint for more than two resources.`,
    showUsage: true,
  });

/** Stop at once with `Error: <text>` (pcs's utils.err). */
export const stop = (text: string): never => fail("CONSTRAINT_ERROR", { text });

export type ArgType = "resource" | "regexp";

/** `regexp%pattern`, `resource%id`, `%id` or a plain id. */
export function parseTypedResource(arg: string): { type: ArgType; value: string } {
  const at = arg.indexOf("%");
  if (at < 0) return { type: "resource", value: arg };
  const type = arg.slice(0, at);
  const value = arg.slice(at + 1);
  if (!type) return { type: "resource", value };
  if (type !== "resource" && type !== "regexp") {
    throw new UsageError(`'${type}' is not an allowed type for '${arg}', use regexp, resource`);
  }
  return { type, value };
}
