// An agent's description as pcs prints it (resource describe / stonith describe).
import type { OperationInput } from "../cib/operations.js";
import { OCF_CHECK_LEVEL } from "../cib/operations.js";
import { fullName, isStonithName } from "./name.js";
import { UNIQUE_GROUP_PREFIX } from "./parse.js";
import type { AgentMetadata } from "./types.js";

const indent = (lines: string[], step = 2): string[] => lines.map((l) => (l ? " ".repeat(step) + l : l));

/** pcs's quoting of a name or value holding '=' or spaces. */
function quote(text: string): string {
  if (!/[= ]/.test(text)) return text;
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/"/g, '\\"')}"`;
}

function operationLines(op: OperationInput): string[] {
  const pairs: [string, string][] = [["interval", op.interval]];
  if (op["start-delay"]) pairs.push(["start-delay", op["start-delay"]]);
  if (op.timeout) pairs.push(["timeout", op.timeout]);
  if (op.role) pairs.push(["role", op.role]);
  if (op[OCF_CHECK_LEVEL]) pairs.push([OCF_CHECK_LEVEL, op[OCF_CHECK_LEVEL]]);
  return [`${op.name}:`, ...indent(pairs.map(([n, v]) => `${quote(n)}=${quote(v)}`))];
}

/** Lines of the description; `verbose` (--full) includes advanced and deprecated parameters. */
export function describeAgent(metadata: AgentMetadata, defaultOperations: OperationInput[], verbose: boolean): string[] {
  const stonith = isStonithName(metadata.name);
  const name = stonith ? metadata.name.type : fullName(metadata.name);
  const output: string[] = [metadata.shortdesc ? `${name} - ${metadata.shortdesc.replace(/\n/g, " ")}` : name];
  if (metadata.longdesc) output.push("", metadata.longdesc.replace(/\n/g, " "));
  const params: string[] = [];
  for (const p of metadata.parameters) {
    if (!verbose && (p.advanced || p.deprecated)) continue;
    const title = [p.name];
    if (p.deprecatedBy.length) title.push(`(deprecated by ${p.deprecatedBy.join(", ")})`);
    else if (p.deprecated) title.push("(deprecated)");
    if (p.required) title.push("(required)");
    if (p.uniqueGroup) title.push(p.uniqueGroup.startsWith(UNIQUE_GROUP_PREFIX) ? "(unique)" : `(unique group: ${p.uniqueGroup})`);
    let desc = p.longdesc ? p.longdesc.replace(/\n/g, " ") : "";
    if (!desc && p.shortdesc) desc = p.shortdesc.replace(/\n/g, " ");
    if (!desc) desc = "No description available";
    // pcs 0.11.5 prints this placeholder literally (its format string is not interpolated)
    if (p.deprecatedDesc) desc += "DEPRECATED: {param.deprecated_desc}";
    params.push(`${title.join(" ")}: ${desc}`);
  }
  if (params.length) output.push("", stonith ? "Stonith options:" : "Resource options:", ...indent(params));
  const operations = defaultOperations.flatMap(operationLines);
  if (operations.length) output.push("", "Default operations:", ...indent(operations));
  return output;
}
