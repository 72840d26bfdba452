// Pacemaker's patch format 2 (`<diff format="2">`, as crm_diff and cibadmin --patch use it):
// compute the changes that turn one CIB into another, with the source and target versions.
import { appendChild, cloneElement, createElement, type XmlElement } from "./xml.js";
import { cibVersion, type CibVersion } from "./document.js";

const VERSION_ATTRS = ["admin_epoch", "epoch", "num_updates"] as const;

/** The XPath-like step Pacemaker uses: `name[@id='x']` for elements with an id, else `name`. */
export function pathStep(e: XmlElement): string {
  return e.attrs.id !== undefined ? `${e.name}[@id='${e.attrs.id}']` : e.name;
}

export function elementPath(e: XmlElement): string {
  const steps: string[] = [];
  for (let cur: XmlElement | null = e; cur; cur = cur.parent) steps.unshift(pathStep(cur));
  return "/" + steps.join("/");
}

const matchKey = (e: XmlElement) => pathStep(e);

/** Pair old and new children: same name and id; without an id, the n-th of that name. */
function pairChildren(oldKids: XmlElement[], newKids: XmlElement[]): Map<XmlElement, XmlElement> {
  const pool = new Map<string, XmlElement[]>();
  for (const o of oldKids) {
    const k = matchKey(o);
    const list = pool.get(k);
    if (list) list.push(o);
    else pool.set(k, [o]);
  }
  const pairs = new Map<XmlElement, XmlElement>();
  for (const n of newKids) {
    const list = pool.get(matchKey(n));
    const o = list?.shift();
    if (o) pairs.set(n, o);
  }
  return pairs;
}

const versionElement = (name: string, v: CibVersion, parent: XmlElement) =>
  createElement(name, { admin_epoch: String(v.adminEpoch), epoch: String(v.epoch), num_updates: String(v.numUpdates) }, parent);

function shallowCopy(e: XmlElement): XmlElement {
  const copy = createElement(e.name, e.attrs);
  if (e.text !== undefined) copy.text = e.text;
  return copy;
}

/**
 * The format-2 patch from `before` to `after` (both CIB roots). Deletions come first, then
 * modifications, creations and moves in document order, as crm_diff writes them.
 */
export function createPatch(before: XmlElement, after: XmlElement): XmlElement {
  const diff = createElement("diff", { format: "2" });
  const version = createElement("version", {}, diff);
  versionElement("source", cibVersion(before), version);
  versionElement("target", cibVersion(after), version);
  const deletes: XmlElement[] = [];
  const others: XmlElement[] = [];

  const visit = (o: XmlElement, n: XmlElement) => {
    const changes: XmlElement[] = [];
    for (const name in n.attrs) {
      if (o.attrs[name] !== n.attrs[name]) changes.push(createElement("change-attr", { name, operation: "set", value: n.attrs[name] }));
    }
    for (const name in o.attrs) {
      if (!(name in n.attrs)) changes.push(createElement("change-attr", { name, operation: "unset" }));
    }
    if (changes.length || (o.text ?? "") !== (n.text ?? "")) {
      const change = createElement("change", { operation: "modify", path: elementPath(o) });
      const list = createElement("change-list", {}, change);
      for (const c of changes) appendChild(list, c);
      appendChild(createElement("change-result", {}, change), shallowCopy(n));
      others.push(change);
    }
    const pairs = pairChildren(o.children, n.children);
    const kept = new Set(pairs.values());
    for (const oc of o.children) {
      if (!kept.has(oc)) deletes.push(createElement("change", { operation: "delete", path: elementPath(oc) }));
    }
    // positions of the kept old children once the deletions are done, to detect moves
    const survivors = o.children.filter((c) => kept.has(c));
    n.children.forEach((nc, position) => {
      const oc = pairs.get(nc);
      if (!oc) {
        const change = createElement("change", { operation: "create", path: elementPath(o), position: String(position) });
        appendChild(change, cloneElement(nc));
        others.push(change);
        return;
      }
      const pairedBefore = n.children.slice(0, position).filter((c) => pairs.has(c)).length;
      if (survivors[pairedBefore] !== oc) {
        others.push(createElement("change", { operation: "move", path: elementPath(oc), position: String(position) }));
        const from = survivors.indexOf(oc);
        survivors.splice(from, 1);
        survivors.splice(pairedBefore, 0, oc);
      }
      visit(oc, nc);
    });
  };
  visit(before, after);
  for (const c of [...deletes, ...others]) appendChild(diff, c);
  return diff;
}

/** Whether a patch changes nothing but (maybe) the version attributes. */
export function patchIsEmpty(patch: XmlElement): boolean {
  return patch.children.every(
    (c) =>
      c.name === "version" ||
      (c.attrs.operation === "modify" &&
        c.attrs.path === "/cib" &&
        (c.children.find((x) => x.name === "change-list")?.children ?? []).every((a) => (VERSION_ATTRS as readonly string[]).includes(a.attrs.name ?? ""))),
  );
}
