// The little of corosync.conf that `pcs config` prints: cluster name, node names, quorum options.
import { readFileSync } from "node:fs";

export interface CorosyncSummary {
  clusterName: string;
  nodes: string[];
  quorumOptions: Record<string, string>;
}

const QUORUM_OPTIONS = ["auto_tie_breaker", "last_man_standing", "last_man_standing_window", "wait_for_all"];

/** Parse corosync.conf's nested `section { key: value }` syntax into path -> values. */
export function parseCorosync(text: string): CorosyncSummary {
  const stack: string[] = [];
  const summary: CorosyncSummary = { clusterName: "", nodes: [], quorumOptions: {} };
  let node: Record<string, string> | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const open = /^([\w.-]+)\s*\{$/.exec(line);
    if (open) {
      stack.push(open[1]);
      if (stack.join(".") === "nodelist.node") node = {};
      continue;
    }
    if (line === "}") {
      if (stack.join(".") === "nodelist.node" && node) summary.nodes.push(node.name ?? node.ring0_addr ?? "");
      stack.pop();
      continue;
    }
    const pair = /^([\w.-]+)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const [, key, value] = pair;
    const path = stack.join(".");
    if (path === "totem" && key === "cluster_name") summary.clusterName = value;
    else if (path === "nodelist.node" && node) node[key] = value;
    else if (path === "quorum" && QUORUM_OPTIONS.includes(key)) summary.quorumOptions[key] = value;
  }
  return summary;
}

export function readCorosync(file: string): CorosyncSummary | undefined {
  try {
    return parseCorosync(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
