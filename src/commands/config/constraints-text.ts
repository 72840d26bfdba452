// Constraints as `pcs config` prints them (pcs 0.11's constraint listing with ids).
import { childElements, firstChild, type XmlElement } from "../../cib/xml.js";

const ROLE_NAMES: Record<string, string> = { Master: "Promoted", Slave: "Unpromoted" };
const role = (value: string) => ROLE_NAMES[value] ?? value;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const of = (constraints: XmlElement | undefined, name: string) => (constraints ? childElements(constraints, name) : []);

function dateExpression(e: XmlElement): string {
  const { operation, start, end } = e.attrs;
  if (operation === "gt") return `date gt ${start}`;
  if (operation === "lt") return `date lt ${end}`;
  if (operation === "in_range") {
    const duration = firstChild(e, "duration");
    const until = end ?? (duration ? `duration ${pairs(duration)}` : "");
    return `date in_range ${start ? `${start} ` : ""}to ${until}`.replace("to duration", "duration");
  }
  const spec = firstChild(e, "date_spec");
  return `date-spec ${spec ? pairs(spec) : ""}`;
}

const pairs = (e: XmlElement) =>
  Object.entries(e.attrs)
    .filter(([k]) => k !== "id")
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");

/** "Resource Sets:" lines of the constraints of one kind that use resource sets. */
function setLines(list: XmlElement[], optionNames: (c: XmlElement) => string[]): string[] {
  const withSets = list.filter((c) => c.children.some((s) => s.name === "resource_set"));
  if (!withSets.length) return [];
  return [
    "  Resource Sets:",
    ...withSets.map((c) => {
      const sets = childElements(c, "resource_set").map((set) => {
        const refs = childElements(set, "resource_ref").map((r) => r.attrs.id);
        const options = Object.keys(set.attrs)
          .filter((k) => k !== "id")
          .map((k) => `${k}=${k === "role" ? role(set.attrs[k]) : set.attrs[k]}`);
        return `set ${[...refs, ...options].join(" ")} (id:${set.attrs.id})`;
      });
      const options = optionNames(c).map((k) => `${k}=${c.attrs[k]}`);
      return `    ${sets.join(" ")}${options.length ? ` setoptions ${options.join(" ")}` : ""} (id:${c.attrs.id})`;
    }),
  ];
}

const constraintOptions = (c: XmlElement) => Object.keys(c.attrs).filter((k) => k !== "id");

function ruleLines(rule: XmlElement): string[] {
  const { id, "boolean-op": op, score, "score-attribute": scoreAttribute, role: ruleRole } = rule.attrs;
  const head = [
    ...(op ? [`boolean-op=${op}`] : []),
    ...(ruleRole ? [`role=${role(ruleRole)}`] : []),
    ...(score !== undefined ? [`score=${score}`] : []),
    ...(scoreAttribute ? [`score-attribute=${scoreAttribute}`] : []),
  ];
  const lines = [`Rule: ${head.join(" ")}${head.length ? " " : ""}(id:${id})`];
  for (const e of rule.children) {
    if (e.name === "expression") {
      const words = [e.attrs.attribute, e.attrs.operation, ...(e.attrs.value !== undefined ? [e.attrs.value] : [])];
      if (e.attrs.type) words.splice(2, 0, e.attrs.type);
      lines.push(`  Expression: ${words.join(" ")} (id:${e.attrs.id})`);
    } else if (e.name === "date_expression") {
      lines.push(`  Expression: ${dateExpression(e)} (id:${e.attrs.id})`);
    } else if (e.name === "rule") lines.push(...ruleLines(e).map((l) => `  ${l}`));
  }
  return lines;
}

export function locationLines(constraints: XmlElement | undefined): string[] {
  const lines = ["Location Constraints:"];
  const byResource = new Map<string, XmlElement[]>();
  for (const c of of(constraints, "rsc_location")) {
    const key = c.attrs.rsc ?? (c.attrs["rsc-pattern"] ? `regexp%${c.attrs["rsc-pattern"]}` : "");
    byResource.set(key, [...(byResource.get(key) ?? []), c]);
  }
  for (const rsc of [...byResource.keys()].sort(byName)) {
    const list = byResource.get(rsc)!;
    lines.push(`  Resource: ${rsc.startsWith("regexp%") ? `Resource pattern: ${rsc.slice(7)}` : rsc}`.replace("Resource: Resource pattern", "Resource pattern"));
    const simple = list.filter((c) => c.attrs.node !== undefined);
    const node = (c: XmlElement) => {
      const extra = [
        ...(c.attrs.role ? [`(role:${role(c.attrs.role)})`] : []),
        ...(c.attrs["resource-discovery"] ? [`(resource-discovery=${c.attrs["resource-discovery"]})`] : []),
      ];
      return `      Node: ${c.attrs.node} (score:${c.attrs.score})${extra.map((e) => ` ${e}`).join("")} (id:${c.attrs.id})`;
    };
    const enabled = simple.filter((c) => !(c.attrs.score ?? "").startsWith("-"));
    const disabled = simple.filter((c) => (c.attrs.score ?? "").startsWith("-"));
    const sortNodes = (a: XmlElement, b: XmlElement) => byName(a.attrs.node ?? "", b.attrs.node ?? "");
    if (enabled.length) lines.push("    Enabled on:", ...enabled.sort(sortNodes).map(node));
    if (disabled.length) lines.push("    Disabled on:", ...disabled.sort(sortNodes).map(node));
    for (const c of list.filter((x) => x.attrs.node === undefined)) {
      lines.push(`    Constraint: ${c.attrs.id}`, ...childElements(c, "rule").flatMap(ruleLines).map((l) => `      ${l}`));
    }
  }
  return lines;
}

export function orderLines(constraints: XmlElement | undefined): string[] {
  const lines = ["Ordering Constraints:"];
  for (const c of of(constraints, "rsc_order")) {
    if (!c.attrs.first) continue;
    const a = c.attrs;
    const extra = [
      ...(a.kind || a.score === undefined ? [`(kind:${a.kind ?? "Mandatory"})`] : []),
      ...(a.score !== undefined ? [`(score:${a.score})`] : []),
      ...(a.symmetrical === "false" ? ["(non-symmetrical)"] : []),
      ...(a["require-all"] ? [`(require-all:${a["require-all"]})`] : []),
    ];
    lines.push(`  ${a["first-action"] ?? "start"} ${a.first} then ${a["then-action"] ?? "start"} ${a.then} ${extra.join(" ")} (id:${a.id})`);
  }
  return [...lines, ...setLines(of(constraints, "rsc_order"), constraintOptions)];
}

export function colocationLines(constraints: XmlElement | undefined): string[] {
  const lines = ["Colocation Constraints:"];
  for (const c of of(constraints, "rsc_colocation")) {
    const a = c.attrs;
    if (!a.rsc) continue;
    const roles = a["rsc-role"] || a["with-rsc-role"] ? [`(rsc-role:${role(a["rsc-role"] ?? "Started")})`, `(with-rsc-role:${role(a["with-rsc-role"] ?? "Started")})`] : [];
    const extra = [`(score:${a.score ?? "INFINITY"})`, ...roles, ...(a["node-attribute"] ? [`(node-attribute:${a["node-attribute"]})`] : [])];
    lines.push(`  ${a.rsc} with ${a["with-rsc"]} ${extra.join(" ")} (id:${a.id})`);
  }
  return [...lines, ...setLines(of(constraints, "rsc_colocation"), constraintOptions)];
}

export function ticketLines(constraints: XmlElement | undefined): string[] {
  const lines = ["Ticket Constraints:"];
  for (const c of of(constraints, "rsc_ticket")) {
    const { id, rsc, "rsc-role": rscRole, ...rest } = c.attrs;
    if (!rsc) continue;
    const options = Object.keys(rest).sort(byName).map((k) => `${k}=${rest[k]}`);
    lines.push(`  ${rscRole ? `${role(rscRole)} ` : ""}${rsc} ${options.join(" ")} (id:${id})`);
  }
  return [...lines, ...setLines(of(constraints, "rsc_ticket"), constraintOptions)];
}
