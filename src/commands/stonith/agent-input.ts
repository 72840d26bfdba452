// Instance attributes of a stonith resource reach its fence agent's stdin as key=value lines: refuse any
// that would add a line. pcs 0.11.5 accepts them; see docs/decisions.md.
import { fenceInputProblem } from "../../agents/fence-input.js";
import { error, type Reports } from "../../report/index.js";

const shown = (text: string) => text.replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\0/g, "\\0");

/** One error (never forceable) per option whose name or value contains a newline, carriage return or NUL. */
export function refuseFenceInputBreaks(options: Record<string, string>, reports: Reports): void {
  for (const [name, value] of Object.entries(options)) {
    const where = fenceInputProblem(name, value);
    if (!where) continue;
    const text =
      where === "name"
        ? `'${shown(name)}' is not a valid fence agent option name: it must not contain '=', a newline, a carriage return or a NUL character`
        : `Value of fence agent option '${shown(name)}' must not contain a newline, a carriage return or a NUL character: '${shown(value)}'`;
    reports.add(error("GENERIC", { text }));
  }
}
