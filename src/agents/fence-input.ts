// Fence agents read their options from stdin, one `key=value` a line (fence-agents' fencing.py), so a
// line break in a key or value would add an option of the caller's choosing (`action=reboot`, `port=...`).

export class FenceInputError extends Error {
  constructor(
    readonly key: string,
    readonly where: "name" | "value",
  ) {
    super(`fence agent option ${JSON.stringify(key)}: its ${where} contains a line break or NUL character`);
  }
}

/** The characters that end or cut a line of the key=value protocol. */
export const FENCE_INPUT_BREAK = /[\n\r\0]/;

/** Where `key` or `value` would break the protocol: "name", "value", or undefined when both are safe. */
export function fenceInputProblem(key: string, value: string): "name" | "value" | undefined {
  if (FENCE_INPUT_BREAK.test(key) || key.includes("=") || key === "") return "name";
  if (FENCE_INPUT_BREAK.test(value)) return "value";
  return undefined;
}

/** The stdin text for a fence agent, one `key=value` line per option; throws FenceInputError on a break. */
export function fenceAgentInput(params: Record<string, string>): string {
  let text = "";
  for (const [key, value] of Object.entries(params)) {
    const where = fenceInputProblem(key, value);
    if (where) throw new FenceInputError(key, where);
    text += `${key}=${value}\n`;
  }
  return text;
}
