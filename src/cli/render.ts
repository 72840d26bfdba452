import type { ReportItem } from "../report/index.js";

/** How pcs prints a report item on the console. */
export function renderReport(item: ReportItem): { text: string; stream: "stdout" | "stderr" } {
  switch (item.severity) {
    case "error":
      return { text: `Error: ${item.message}${item.forceable ? ", use --force to override" : ""}`, stream: "stderr" };
    case "warning":
      return { text: `Warning: ${item.message}`, stream: "stderr" };
    case "deprecation":
      return { text: `Deprecation Warning: ${item.message}`, stream: "stderr" };
    default:
      return { text: item.message, stream: "stderr" };
  }
}
