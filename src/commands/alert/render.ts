// `pcs alert config` text, as pcs 0.11 prints it (one-space indentation steps).
import type { AlertDto, NvpairDto, RecipientDto } from "./cib.js";

const indent = (lines: string[]): string[] => lines.map((l) => ` ${l}`);

function pairsText(pairs: NvpairDto[]): string {
  const byName = new Map(pairs.map((p) => [p.name, p.value]));
  return [...byName.keys()]
    .sort()
    .map((name) => {
      const value = byName.get(name)!;
      return `${name}=${value.includes(" ") ? `"${value}"` : value}`;
    })
    .join(" ");
}

function details(item: AlertDto | RecipientDto): string[] {
  const lines: string[] = [];
  if (item.description) lines.push(`Description: ${item.description}`);
  if (item.instance_attributes.length) lines.push(`Options: ${pairsText(item.instance_attributes)}`);
  if (item.meta_attributes.length) lines.push(`Meta options: ${pairsText(item.meta_attributes)}`);
  return lines;
}

function alertLines(alert: AlertDto): string[] {
  const content = details(alert);
  const recipients = alert.recipient_list.flatMap((r) => [`Recipient: ${r.id} (value=${r.value})`, ...indent(details(r))]);
  if (recipients.length) content.push("Recipients:", ...indent(recipients));
  return [`Alert: ${alert.id} (path=${alert.path})`, ...indent(content)];
}

export function alertConfigLines(alerts: AlertDto[]): string[] {
  if (!alerts.length) return ["Alerts:", " No alerts defined"];
  return ["Alerts:", ...indent(alerts.flatMap(alertLines))];
}

/** JSON as Python's json.dumps writes it (", " and ": " separators, non-ASCII escaped). */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
