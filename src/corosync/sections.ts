// Reading and editing options in a parsed corosync.conf the way pcs does: with repeated sections the
// last one wins when reading and is the one edited; the others lose the edited names.
import { addSection, newSection, removeSection, type Section } from "./parser.js";

export const sectionsNamed = (parent: Section, name?: string): Section[] =>
  parent.sections.filter((s) => name === undefined || s.name === name);

/** The last value of `name` in the section, or `fallback`. */
export function attrValue(section: Section, name: string): string | undefined;
export function attrValue(section: Section, name: string, fallback: string): string;
export function attrValue(section: Section, name: string, fallback?: string): string | undefined {
  let value = fallback;
  for (const [k, v] of section.attrs) if (k === name) value = v;
  return value;
}

/** The value of `option` in the last of the root's sections called `sectionName` that has it. */
export function optionValue(root: Section, sectionName: string, option: string): string | undefined;
export function optionValue(root: Section, sectionName: string, option: string, fallback: string): string;
export function optionValue(root: Section, sectionName: string, option: string, fallback?: string): string | undefined {
  let value = fallback;
  for (const section of sectionsNamed(root, sectionName)) value = attrValue(section, option, value as string);
  return value;
}

/** Sets the first occurrence of `name`, drops the others, appends when missing. */
export function setAttr(section: Section, name: string, value: string): void {
  let found = false;
  const next: [string, string][] = [];
  for (const attr of section.attrs) {
    if (attr[0] !== name) next.push(attr);
    else if (!found) {
      found = true;
      next.push([name, value]);
    }
  }
  section.attrs = next;
  if (!found) section.attrs.push([name, value]);
}

export function deleteAttrs(section: Section, name: string, value?: string): void {
  section.attrs = section.attrs.filter(([k, v]) => !(k === name && (value === undefined || v === value)));
}

/** pcs's __set_section_options: options go to the last section (sorted by name, "" removes). */
export function setSectionOptions(sections: readonly Section[], options: ReadonlyMap<string, string>): void {
  for (const section of sections.slice(0, -1)) for (const name of options.keys()) deleteAttrs(section, name);
  const last = sections[sections.length - 1];
  for (const name of [...options.keys()].sort()) {
    const value = options.get(name)!;
    if (value === "") deleteAttrs(last, name);
    else setAttr(last, name, value);
  }
}

/** The parent's sections called `name`, one created when there is none. */
export function ensureSections(parent: Section, name: string): Section[] {
  const found = sectionsNamed(parent, name);
  return found.length ? found : [newSection(name, parent)];
}

export function removeEmptySections(parent: Section): void {
  for (const section of [...parent.sections]) {
    removeEmptySections(section);
    const empty = !section.attrs.length && !section.sections.length;
    const onlyLinknumber = section.name === "interface" && new Set(section.attrs.map(([k]) => k)).size === 1 && section.attrs[0][0] === "linknumber";
    if (empty || onlyLinknumber) removeSection(parent, section);
  }
}

/** Options of the root's `sectionName` sections whose names (after `prefix`) are allowed, in file order. */
export function filterOptions(root: Section, sectionName: string, allowed: readonly string[], prefix = ""): Map<string, string> {
  const options = new Map<string, string>();
  for (const section of sectionsNamed(root, sectionName)) {
    for (const [name, value] of section.attrs) {
      if (name.startsWith(prefix) && allowed.includes(name.slice(prefix.length))) options.set(name.slice(prefix.length), value);
    }
  }
  return options;
}

export { addSection, newSection, removeSection };
