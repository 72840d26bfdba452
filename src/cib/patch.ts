// Apply a Pacemaker format-2 patch (`<diff format="2">`) to a CIB, as cibadmin --patch does:
// creations and deletions first in document order, then moves and attribute changes.
import { cibVersion, compareVersions, type CibVersion } from "./document.js";
import { appendChild, cloneElement, detach, insertBefore, type XmlElement } from "./xml.js";

export class PatchError extends Error {}

/** The source and target versions a patch carries, when it has them. */
export function patchVersions(patch: XmlElement): { source?: CibVersion; target?: CibVersion } {
  const version = patch.children.find((c) => c.name === "version");
  const read = (name: string): CibVersion | undefined => {
    const e = version?.children.find((c) => c.name === name);
    return e ? cibVersion(e) : undefined;
  };
  return { source: read("source"), target: read("target") };
}

interface Step {
  name: string;
  attr?: string;
  value?: string;
}

function parsePath(path: string): Step[] {
  if (!path.startsWith("/")) throw new PatchError(`invalid path '${path}'`);
  const steps: Step[] = [];
  const re = /\/([^/[\]]+)(?:\[@([\w:-]+)=(?:'([^']*)'|"([^"]*)")\])?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(path))) {
    steps.push({ name: m[1], attr: m[2], value: m[3] ?? m[4] });
    consumed = re.lastIndex;
  }
  if (consumed !== path.length) throw new PatchError(`invalid path '${path}'`);
  return steps;
}

function resolve(root: XmlElement, path: string): XmlElement | undefined {
  const steps = parsePath(path);
  const matches = (e: XmlElement, s: Step) => e.name === s.name && (s.attr === undefined || e.attrs[s.attr] === s.value);
  if (!steps.length || !matches(root, steps[0])) return undefined;
  let cur: XmlElement | undefined = root;
  for (const step of steps.slice(1)) {
    cur = cur.children.find((c) => matches(c, step));
    if (!cur) return undefined;
  }
  return cur;
}

function placeAt(parent: XmlElement, child: XmlElement, position: string | undefined): void {
  const index = position === undefined ? NaN : Number(position);
  if (!Number.isInteger(index) || index < 0) {
    appendChild(parent, child);
    return;
  }
  const siblings = parent.children.filter((c) => c !== child);
  insertBefore(parent, child, siblings[index] ?? null);
}

/** Apply `patch` to `cib` in place; throws PatchError when it does not fit. Version checks are the caller's. */
export function applyPatch(cib: XmlElement, patch: XmlElement): void {
  if (patch.name !== "diff" || patch.attrs.format !== "2") throw new PatchError("only patches in format 2 are supported");
  const deferred: XmlElement[] = [];
  for (const change of patch.children) {
    if (change.name !== "change") continue;
    const { operation, path } = change.attrs;
    if (operation === "create") {
      const parent = resolve(cib, path ?? "");
      if (!parent) throw new PatchError(`no element at '${path}' to create a child in`);
      for (const content of change.children) placeAt(parent, cloneElement(content), change.attrs.position);
    } else if (operation === "delete") {
      const target = resolve(cib, path ?? "");
      if (!target) throw new PatchError(`no element at '${path}' to delete`);
      if (!target.parent) throw new PatchError("the root element cannot be deleted");
      detach(target);
    } else if (operation === "modify" || operation === "move") {
      deferred.push(change);
    } else {
      throw new PatchError(`unknown operation '${operation}'`);
    }
  }
  for (const change of deferred) {
    const target = resolve(cib, change.attrs.path ?? "");
    if (!target) throw new PatchError(`no element at '${change.attrs.path}' to ${change.attrs.operation}`);
    if (change.attrs.operation === "move") {
      if (!target.parent) throw new PatchError("the root element cannot be moved");
      placeAt(target.parent, target, change.attrs.position);
      continue;
    }
    const list = change.children.find((c) => c.name === "change-list");
    for (const attr of list?.children ?? []) {
      const name = attr.attrs.name;
      if (!name) continue;
      if (attr.attrs.operation === "unset") delete target.attrs[name];
      else target.attrs[name] = attr.attrs.value ?? "";
    }
    const result = change.children.find((c) => c.name === "change-result")?.children[0];
    if (result && result.text !== target.text) {
      if (result.text === undefined) delete target.text;
      else target.text = result.text;
    }
  }
}

/**
 * Apply a patch the way the CIB manager does for a client update: the source version must be the
 * CIB's, and the result carries the patch's target version (at least one epoch above the source).
 */
export function applyVersionedPatch(cib: XmlElement, patch: XmlElement): "applied" | "conflict" {
  const { source, target } = patchVersions(patch);
  const current = cibVersion(cib);
  if (source && compareVersions(source, current) !== 0 && !(onlyStatusMovedOn(source, current) && !touchesStatus(patch))) {
    return onlyAdds(patch) && source.adminEpoch === current.adminEpoch ? applyAdditions(cib, patch, current) : "conflict";
  }
  applyPatch(cib, patch);
  const after = cibVersion(cib);
  const wanted = target && compareVersions(target, current) > 0 ? target : { ...current, epoch: current.epoch + 1, numUpdates: 0 };
  if (compareVersions(after, wanted) !== 0) {
    cib.attrs.admin_epoch = String(wanted.adminEpoch);
    cib.attrs.epoch = String(wanted.epoch);
    cib.attrs.num_updates = String(wanted.numUpdates);
  }
  return "applied";
}

/** The CIB moved on since the patch's source only by status updates (num_updates): a change of the
 * configuration alone still applies on top of them, as the cluster records results all the time. */
function onlyStatusMovedOn(source: CibVersion, current: CibVersion): boolean {
  return source.adminEpoch === current.adminEpoch && source.epoch === current.epoch && source.numUpdates < current.numUpdates;
}

function touchesStatus(patch: XmlElement): boolean {
  return patch.children.some((c) => c.name === "change" && /^\/cib\/status(\/|\[|$)/.test(c.attrs.path ?? ""));
}

/** A patch that only adds elements (and moves the version on): what concurrent `resource create`s send. */
function onlyAdds(patch: XmlElement): boolean {
  return patch.children.every(
    (c) => c.name !== "change" || c.attrs.operation === "create" || (c.attrs.operation === "modify" && c.attrs.path === "/cib" && modifiesOnlyVersion(c)),
  );
}

function modifiesOnlyVersion(change: XmlElement): boolean {
  const list = change.children.find((c) => c.name === "change-list");
  return (list?.children ?? []).every((a) => ["admin_epoch", "epoch", "num_updates"].includes(a.attrs.name ?? ""));
}

function ids(root: XmlElement, into: Map<string, number>): void {
  if (root.attrs.id !== undefined && root.name !== "cib") into.set(root.attrs.id, (into.get(root.attrs.id) ?? 0) + 1);
  for (const c of root.children) ids(c, into);
}

/** Additions made against an older configuration still apply on the newer one when every parent they
 * go into is still there and no id ends up used twice: nothing another writer did is undone, so
 * concurrent writers all succeed instead of retrying on each other's epochs. */
function applyAdditions(cib: XmlElement, patch: XmlElement, current: CibVersion): "applied" | "conflict" {
  const creates = { name: "diff", attrs: { ...patch.attrs }, parent: null, children: patch.children.filter((c) => c.name === "change" && c.attrs.operation === "create") } as XmlElement;
  try {
    applyPatch(cloneElement(cib), creates);
  } catch (e) {
    if (e instanceof PatchError) return "conflict";
    throw e;
  }
  // an element without an id (a section such as <alerts>) must not be there already: it would be doubled
  for (const change of creates.children) {
    const parent = resolve(cib, change.attrs.path ?? "");
    if (change.children.some((c) => c.attrs.id === undefined && parent?.children.some((e) => e.name === c.name))) return "conflict";
  }
  const existing = new Map<string, number>();
  ids(cib, existing);
  const added = new Map<string, number>();
  for (const change of creates.children) for (const content of change.children) ids(content, added);
  if ([...added].some(([id, n]) => n > 1 || existing.has(id))) return "conflict";
  applyPatch(cib, creates);
  cib.attrs.admin_epoch = String(current.adminEpoch);
  cib.attrs.epoch = String(current.epoch + 1);
  cib.attrs.num_updates = "0";
  return "applied";
}

const VERSION_ATTRS = new Set(["admin_epoch", "epoch", "num_updates"]);

/** Same elements, attributes and text, whatever the layout they were parsed from. */
function sameTree(a: XmlElement, b: XmlElement): boolean {
  const ka = Object.keys(a.attrs);
  if (a.name !== b.name || (a.text ?? "") !== (b.text ?? "") || ka.length !== Object.keys(b.attrs).length || a.children.length !== b.children.length) return false;
  return ka.every((k) => a.attrs[k] === b.attrs[k]) && a.children.every((c, i) => sameTree(c, b.children[i]));
}

/** Whether the CIB already holds everything the patch changes (its version aside): after an answer
 * that got lost, a writer can tell that its change landed instead of making it a second time. */
export function patchIsApplied(cib: XmlElement, patch: XmlElement): boolean {
  let changes = 0;
  for (const change of patch.children) {
    if (change.name !== "change") continue;
    const { operation, path } = change.attrs;
    if (operation === "create") {
      const parent = resolve(cib, path ?? "");
      for (const content of change.children) {
        changes++;
        const id = content.attrs.id;
        const there = parent?.children.find((c) => c.name === content.name && (id === undefined || c.attrs.id === id));
        if (!there || !sameTree(there, content)) return false;
      }
    } else if (operation === "delete") {
      changes++;
      if (resolve(cib, path ?? "")) return false;
    } else if (operation === "modify") {
      const target = resolve(cib, path ?? "");
      const list = change.children.find((c) => c.name === "change-list");
      for (const attr of list?.children ?? []) {
        const name = attr.attrs.name ?? "";
        if (path === "/cib" && VERSION_ATTRS.has(name)) continue;
        changes++;
        if (!target) return false;
        if (attr.attrs.operation === "unset" ? name in target.attrs : target.attrs[name] !== (attr.attrs.value ?? "")) return false;
      }
    } else if (operation === "move") {
      // a reordering: the element must still be there (its place is not a change anyone could lose)
      if (!resolve(cib, path ?? "")) return false;
    } else return false;
  }
  return changes > 0;
}
