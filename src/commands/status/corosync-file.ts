// The corosync.conf that `pcs -f CIB --corosync_conf FILE status` reads: parsed as pcs parses it (the
// same errors), for the cluster name and the node names.
import { readFileSync } from "node:fs";
import { error, fail, type Reports } from "../../report/index.js";

interface Section {
  name: string;
  attrs: [string, string][];
  sections: Section[];
  parent?: Section;
}

export class CorosyncParseError extends Error {}

const parseError = (what: string): never => {
  throw new CorosyncParseError(`Unable to parse corosync config: ${what}`);
};

/** pcs's corosync config parser (it follows corosync's own). */
export function parseCorosyncSections(text: string): Section {
  const root: Section = { name: "", attrs: [], sections: [] };
  let section = root;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.includes("{")) {
      const at = line.lastIndexOf("{");
      if (line.slice(at + 1).trim()) parseError("extra characters after {");
      const name = line.slice(0, at).trim();
      if (!name) parseError("missing a section name before {");
      const child: Section = { name, attrs: [], sections: [], parent: section };
      section.sections.push(child);
      section = child;
    } else if (line.includes("}")) {
      if (line !== "}") parseError("extra characters before or after }");
      if (!section.parent) parseError("unexpected closing brace");
      section = section.parent!;
    } else if (line.includes(":")) {
      const at = line.indexOf(":");
      section.attrs.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    } else parseError("a line is not opening or closing a section or key: value");
  }
  if (section !== root) parseError("missing closing brace");
  return root;
}

export interface CorosyncFacts {
  clusterName: string;
  /** node names in the order of the nodelist (nodes without a name left out) */
  nodeNames: string[];
}

export function corosyncFacts(text: string): CorosyncFacts {
  const root = parseCorosyncSections(text);
  let clusterName = "";
  for (const totem of root.sections.filter((s) => s.name === "totem")) for (const [k, v] of totem.attrs) if (k === "cluster_name") clusterName = v;
  const nodeNames: string[] = [];
  for (const list of root.sections.filter((s) => s.name === "nodelist")) {
    for (const node of list.sections.filter((s) => s.name === "node")) {
      const data = new Map(node.attrs);
      if (data.size && data.get("name")) nodeNames.push(data.get("name")!);
    }
  }
  return { clusterName, nodeNames };
}

/** Read and parse the file; pcs's errors when it cannot be read or parsed. */
export function readCorosyncFacts(file: string, reports: Reports): CorosyncFacts {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason = err.code === "ENOENT" ? "No such file or directory" : err.code === "EACCES" ? "Permission denied" : err.code === "EISDIR" ? "Is a directory" : err.message;
    return fail("GENERIC", { text: `Unable to read ${file}: ${reason}` });
  }
  try {
    return corosyncFacts(text);
  } catch (e) {
    if (!(e instanceof CorosyncParseError)) throw e;
    reports.add(error("GENERIC", { text: e.message }));
    reports.throwIfErrors();
    throw e;
  }
}
