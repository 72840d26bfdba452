// corosync.conf: written by `pcs cluster setup` in pcs's layout, read back by the agent for the
// node list, token and quorum options. Shared by the CLI (writes) and pcs-agent (reads).

export interface CorosyncNode {
  name: string;
  nodeid: number;
  addrs: string[];
}

export interface CorosyncSpec {
  clusterName: string;
  clusterUuid: string;
  transport: string;
  nodes: CorosyncNode[];
  /** totem options in the order given (token, join, ...), after transport options. */
  transportOptions: [string, string][];
  totemOptions: [string, string][];
  quorumOptions: [string, string][];
}

export function renderCorosyncConf(spec: CorosyncSpec): string {
  const lines: string[] = ["totem {", "    version: 2", `    cluster_name: ${spec.clusterName}`, `    transport: ${spec.transport}`];
  for (const [k, v] of spec.transportOptions) lines.push(`    ${k}: ${v}`);
  for (const [k, v] of spec.totemOptions) lines.push(`    ${k}: ${v}`);
  if (spec.transport === "knet") lines.push("    crypto_cipher: aes256", "    crypto_hash: sha256");
  lines.push(`    cluster_uuid: ${spec.clusterUuid}`, "}", "", "nodelist {");
  spec.nodes.forEach((node, i) => {
    if (i) lines.push("");
    lines.push("    node {");
    node.addrs.forEach((addr, link) => lines.push(`        ring${link}_addr: ${addr}`));
    lines.push(`        name: ${node.name}`, `        nodeid: ${node.nodeid}`, "    }");
  });
  lines.push("}", "", "quorum {", "    provider: corosync_votequorum");
  const quorum = [...spec.quorumOptions];
  if (spec.nodes.length === 2 && !quorum.some(([k]) => k === "two_node") && !quorum.some(([k, v]) => k === "auto_tie_breaker" && v !== "0")) {
    quorum.unshift(["two_node", "1"]);
  }
  for (const [k, v] of quorum) lines.push(`    ${k}: ${v}`);
  lines.push(
    "}",
    "",
    "logging {",
    "    to_logfile: yes",
    "    logfile: /var/log/corosync/corosync.log",
    "    to_syslog: yes",
    "    timestamp: on",
    "}",
  );
  return lines.join("\n") + "\n";
}

export interface Section {
  name: string;
  values: [string, string][];
  sections: Section[];
}

/** A tolerant parser of corosync's `name { key: value }` syntax. */
export function parseCorosyncConf(text: string): Section {
  const root: Section = { name: "", values: [], sections: [] };
  const stack = [root];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const open = /^([\w.-]+)\s*\{$/.exec(line);
    if (open) {
      const section: Section = { name: open[1], values: [], sections: [] };
      stack[stack.length - 1].sections.push(section);
      stack.push(section);
    } else if (line === "}") {
      if (stack.length > 1) stack.pop();
    } else {
      const kv = /^([\w.-]+)\s*:\s*(.*)$/.exec(line);
      if (kv) stack[stack.length - 1].values.push([kv[1], kv[2].trim()]);
    }
  }
  return root;
}

export interface ClusterFacts {
  clusterName: string;
  nodes: CorosyncNode[];
  token: number;
  twoNode: boolean;
  quorum: Record<string, string>;
  totem: Record<string, string>;
}

export function corosyncFacts(text: string): ClusterFacts {
  const root = parseCorosyncConf(text);
  const find = (name: string) => root.sections.find((s) => s.name === name);
  const totem = Object.fromEntries(find("totem")?.values ?? []);
  const quorum = Object.fromEntries(find("quorum")?.values ?? []);
  const nodes = (find("nodelist")?.sections ?? [])
    .filter((s) => s.name === "node")
    .map((s) => {
      const v = Object.fromEntries(s.values);
      const addrs = s.values.filter(([k]) => /^ring\d+_addr$/.test(k)).map(([, a]) => a);
      return { name: v.name ?? addrs[0], nodeid: Number(v.nodeid), addrs };
    });
  return {
    clusterName: totem.cluster_name ?? "",
    nodes,
    token: Number(totem.token ?? 3000),
    twoNode: quorum.two_node === "1",
    quorum,
    totem,
  };
}

/** Serialize a parsed tree in pcs's layout: 4-space indents, a blank line between sections. */
export function renderSections(root: Section): string {
  const lines: string[] = [];
  const write = (section: Section, depth: number) => {
    const pad = "    ".repeat(depth);
    for (const [k, v] of section.values) lines.push(`${pad}${k}: ${v}`);
    section.sections.forEach((child, i) => {
      if (i > 0 || section.values.length) lines.push("");
      lines.push(`${pad}${child.name} {`);
      write(child, depth + 1);
      lines.push(`${pad}}`);
    });
  };
  write(root, 0);
  return lines.join("\n") + "\n";
}

function setValue(section: Section, key: string, value: string | undefined): void {
  const index = section.values.findIndex(([k]) => k === key);
  if (value === undefined) {
    if (index >= 0) section.values.splice(index, 1);
  } else if (index >= 0) section.values[index] = [key, value];
  else section.values.push([key, value]);
}

/** Two-node clusters need two_node: 1 (unless auto_tie_breaker), others must not have it, as pcs keeps it. */
function fixTwoNode(root: Section): void {
  const nodelist = root.sections.find((s) => s.name === "nodelist");
  const quorum = root.sections.find((s) => s.name === "quorum");
  if (!nodelist || !quorum) return;
  const count = nodelist.sections.filter((s) => s.name === "node").length;
  const atb = quorum.values.some(([k, v]) => k === "auto_tie_breaker" && v === "1");
  if (count === 2 && !atb) setValue(quorum, "two_node", "1");
  else setValue(quorum, "two_node", undefined);
}

export function addNodeToConf(text: string, node: { name: string; addrs: string[] }): { text: string; nodeid: number } {
  const root = parseCorosyncConf(text);
  const nodelist = root.sections.find((s) => s.name === "nodelist");
  if (!nodelist) throw new Error("corosync.conf has no nodelist");
  const ids = nodelist.sections.map((s) => Number(Object.fromEntries(s.values).nodeid) || 0);
  let nodeid = 1;
  while (ids.includes(nodeid)) nodeid++;
  nodelist.sections.push({
    name: "node",
    values: [...node.addrs.map((a, i): [string, string] => [`ring${i}_addr`, a]), ["name", node.name], ["nodeid", String(nodeid)]],
    sections: [],
  });
  fixTwoNode(root);
  return { text: renderSections(root), nodeid };
}

export function removeNodesFromConf(text: string, names: string[]): string {
  const root = parseCorosyncConf(text);
  const nodelist = root.sections.find((s) => s.name === "nodelist");
  if (nodelist) nodelist.sections = nodelist.sections.filter((s) => !names.includes(Object.fromEntries(s.values).name ?? ""));
  fixTwoNode(root);
  return renderSections(root);
}
