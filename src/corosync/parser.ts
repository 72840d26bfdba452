// corosync.conf as pcs reads and writes it: a tree of `name { key: value }` sections. The parser
// follows pcs's (which follows corosync's own), with the same errors; the exporter writes pcs's layout
// (4-space indents, a blank line between sibling sections and after a section's own values).

export interface Section {
  name: string;
  attrs: [string, string][];
  sections: Section[];
  parent?: Section;
}

export class CorosyncParseError extends Error {}

const parseError = (what: string): never => {
  throw new CorosyncParseError(`Unable to parse corosync config: ${what}`);
};

export const newSection = (name: string, parent?: Section): Section => {
  const section: Section = { name, attrs: [], sections: [] };
  if (parent) addSection(parent, section);
  return section;
};

export function addSection(parent: Section, child: Section): void {
  child.parent = parent;
  parent.sections.push(child);
}

export function removeSection(parent: Section, child: Section): void {
  parent.sections = parent.sections.filter((s) => s !== child);
  child.parent = undefined;
}

/** Parse the text; throws CorosyncParseError with pcs's message. */
export function parseCorosyncConf(text: string): Section {
  const root = newSection("");
  let section = root;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line.includes("{")) {
      const at = line.lastIndexOf("{");
      if (line.slice(at + 1).trim()) parseError("extra characters after {");
      const name = line.slice(0, at).trim();
      if (!name) parseError("missing a section name before {");
      section = newSection(name, section);
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

function exportLines(section: Section): string[] {
  let lines = section.attrs.map(([k, v]) => `${k}: ${v}`);
  if (section.attrs.length && section.sections.length) lines.push("");
  section.sections.forEach((child, i) => {
    lines.push(...exportLines(child));
    if (i < section.sections.length - 1) lines.push("");
  });
  if (section.parent) lines = [`${section.name} {`, ...lines.map((l) => (l ? `    ${l}` : l)), "}"];
  return lines;
}

/** The tree in pcs's layout ("" for an empty tree). */
export function exportCorosyncConf(root: Section): string {
  const text = exportLines(root).join("\n");
  return text ? `${text}\n` : "";
}

const VALID_NAME = /^[-_/a-zA-Z0-9]+$/;
const validValue = (value: string) => !/[{}\n\r]/.test(value);

export interface BadNamesAndValues {
  sections: string[];
  attrNames: string[];
  attrValues: [string, string][];
}

/** Section and option names and values that would break the file's structure (pcs's verify_section). */
export function findBadNamesAndValues(section: Section, prefix = ""): BadNamesAndValues {
  const join = (a: string, b: string) => (a && b ? `${a}.${b}` : b);
  const path = join(prefix, section.name);
  const bad: BadNamesAndValues = { sections: [], attrNames: [], attrValues: [] };
  if (section.name && !VALID_NAME.test(section.name)) bad.sections.push(path);
  for (const [name, value] of section.attrs) {
    if (!VALID_NAME.test(name)) bad.attrNames.push(join(path, name));
    if (!validValue(value)) bad.attrValues.push([join(path, name), value]);
  }
  for (const child of section.sections) {
    const inner = findBadNamesAndValues(child, path);
    bad.sections.push(...inner.sections);
    bad.attrNames.push(...inner.attrNames);
    bad.attrValues.push(...inner.attrValues);
  }
  return bad;
}

export const isValidOptionName = (name: string): boolean => VALID_NAME.test(name);
