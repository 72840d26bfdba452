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
