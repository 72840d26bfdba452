// Errors of pcs's legacy constraint commands, which stop at the first problem.
import { fail } from "../../report/index.js";

/** Bad command-line syntax: the CLI prints the command's usage, or `text` as an error when given. */
export class UsageError extends Error {
  constructor(readonly text?: string) {
    super(text ?? "usage");
  }
}

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
