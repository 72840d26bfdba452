// Resources and stonith devices as `pcs config` (and pcs 0.11's `resource config`) print them.
import { childElements, firstChild, type XmlElement } from "../../cib/xml.js";

const indent = (lines: string[], step = 2): string[] => lines.map((l) => " ".repeat(step) + l);

function nvsetLines(e: XmlElement, tag: string, label: string): string[] {
  return childElements(e, tag).flatMap((set) => [
    `${label}: ${set.attrs.id ?? ""}`,
    ...indent(childElements(set, "nvpair").map((p) => `${p.attrs.name}=${p.attrs.value ?? ""}`)),
  ]);
}

const OP_ATTRIBUTE_ORDER = ["interval", "description", "start-delay", "interval-origin", "timeout", "enabled", "record-pending", "role", "on-fail"];
const ROLE_NAMES: Record<string, string> = { Master: "Promoted", Slave: "Unpromoted" };

function operationLines(primitive: XmlElement): string[] {
  const ops = firstChild(primitive, "operations");
  if (!ops) return [];
  const lines = childElements(ops, "op").flatMap((op) => {
    const rank = (name: string) => (OP_ATTRIBUTE_ORDER.includes(name) ? OP_ATTRIBUTE_ORDER.indexOf(name) : OP_ATTRIBUTE_ORDER.length);
    const names = Object.keys(op.attrs)
      .filter((k) => k !== "id" && k !== "name")
      .sort((a, b) => rank(a) - rank(b));
    const details = names.map((k) => `${k}=${k === "role" ? (ROLE_NAMES[op.attrs[k]] ?? op.attrs[k]) : op.attrs[k]}`);
    for (const set of childElements(op, "instance_attributes")) {
      for (const p of childElements(set, "nvpair")) details.push(`${p.attrs.name}=${p.attrs.value ?? ""}`);
    }
    return [`${op.attrs.name}: ${op.attrs.id}`, ...indent(details)];
  });
  return lines.length ? ["Operations:", ...indent(lines)] : [];
}

function commonLines(e: XmlElement): string[] {
  return [
    ...(e.attrs.description ? [`Description: ${e.attrs.description}`] : []),
    ...nvsetLines(e, "instance_attributes", "Attributes"),
    ...nvsetLines(e, "meta_attributes", "Meta Attributes"),
    ...nvsetLines(e, "utilization", "Utilization"),
  ];
}

function primitiveLines(p: XmlElement): string[] {
  const agent = [`class=${p.attrs.class}`, ...(p.attrs.provider ? [`provider=${p.attrs.provider}`] : []), `type=${p.attrs.type}`];
  return [`Resource: ${p.attrs.id} (${agent.join(" ")})`, ...indent([...commonLines(p), ...operationLines(p)])];
}

function resourceLines(e: XmlElement): string[] {
  switch (e.name) {
    case "primitive":
      return primitiveLines(e);
    case "group":
      return [`Group: ${e.attrs.id}`, ...indent([...commonLines(e), ...childElements(e, "primitive").flatMap(primitiveLines)])];
    case "clone":
    case "master": {
      const label = e.name === "master" ? "Promotable" : "Clone";
      const inner = e.children.filter((c) => c.name === "primitive" || c.name === "group");
      return [`${label}: ${e.attrs.id}`, ...indent([...commonLines(e), ...inner.flatMap(resourceLines)])];
    }
    case "bundle":
      return [`Bundle: ${e.attrs.id}`, ...indent([...commonLines(e), ...childElements(e, "primitive").flatMap(primitiveLines)])];
    default:
      return [];
  }
}

const isStonith = (e: XmlElement) => e.name === "primitive" && e.attrs.class === "stonith";

/** Top-level resources (stonith devices or the others) as text lines. */
export function resourcesText(resources: XmlElement | undefined, stonith: boolean): string[] {
  if (!resources) return [];
  return resources.children.filter((e) => e.name !== "template" && isStonith(e) === stonith).flatMap(resourceLines);
}
