// Phase 1c: constraints, unpacked into plain records indexed later by resource.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { ruleMatches } from "./rules.js";
import { parseScore } from "./score.js";
import { parseRole } from "./unpack.js";
import type { Cluster, Ordering, Resource, Role, RuleScore } from "./types.js";

function resolve(cluster: Cluster, id: string | undefined): Resource | undefined {
  return id === undefined ? undefined : cluster.byId.get(id);
}

function topLevel(cluster: Cluster): Resource[] {
  return cluster.resources;
}

function allNamed(cluster: Cluster): Resource[] {
  const out: Resource[] = [];
  const visit = (r: Resource) => {
    out.push(r);
    if (r.variant !== "clone") r.children.forEach(visit);
  };
  topLevel(cluster).forEach(visit);
  return out;
}

function unpackLocation(cluster: Cluster, c: XmlElement, tags: Map<string, string[]>): void {
  let targets: Resource[] = [];
  const rscId = c.attrs.rsc;
  if (rscId) {
    const ids = tags.get(rscId) ?? [rscId];
    targets = ids.map((i) => resolve(cluster, i)).filter((r): r is Resource => !!r);
  } else if (c.attrs["rsc-pattern"]) {
    // A leading "!" inverts the pattern.
    const pattern = c.attrs["rsc-pattern"];
    const invert = pattern.startsWith("!");
    let re: RegExp;
    try {
      re = new RegExp(invert ? pattern.slice(1) : pattern);
    } catch {
      return;
    }
    targets = allNamed(cluster).filter((r) => re.test(r.id) !== invert);
  } else {
    for (const set of childElements(c, "resource_set")) {
      for (const ref of childElements(set, "resource_ref")) {
        const r = resolve(cluster, ref.attrs.id);
        if (r) targets.push(r);
      }
    }
  }
  const role = parseRole(c.attrs.role ?? c.attrs["rsc-role"]);
  const discovery = c.attrs["resource-discovery"];
  const ruleEls = childElements(c, "rule");
  for (const rsc of targets) {
    const ctx = { now: cluster.now, rsc };
    for (const rule of ruleEls) {
      const score: RuleScore = { score: parseScore(rule.attrs.score, 0), scoreAttribute: rule.attrs["score-attribute"], matches: (node) => ruleMatches(rule, node, ctx) };
      cluster.locations.push({ rsc, score: 0, role: parseRole(rule.attrs.role) ?? role, rules: [score], discovery });
    }
    if (!ruleEls.length && c.attrs.node) cluster.locations.push({ rsc, node: c.attrs.node, score: parseScore(c.attrs.score, 0), role, discovery });
  }
}

function setMembers(cluster: Cluster, set: XmlElement, tags: Map<string, string[]>): Resource[] {
  const out: Resource[] = [];
  for (const ref of childElements(set, "resource_ref")) {
    for (const id of tags.get(ref.attrs.id) ?? [ref.attrs.id]) {
      const r = resolve(cluster, id);
      if (r) out.push(r);
    }
  }
  return out;
}

function unpackColocation(cluster: Cluster, c: XmlElement, tags: Map<string, string[]>): void {
  const score = parseScore(c.attrs.score, 0);
  const sets = childElements(c, "resource_set");
  if (sets.length) {
    // As Pacemaker unpacks colocation sets: within a sequential set each member goes with the previous one
    // (ordering=listed: the previous with the next), or with a negative score avoids every earlier member;
    // between two sets, the first set (its first member when sequential) goes with the second (its last).
    const push = (rsc: Resource, withRsc: Resource, sc: number, rscRole?: Role, withRole?: Role) =>
      cluster.colocations.push({ id: c.attrs.id, rsc, withRsc, score: sc, rscRole, withRole });
    const isSequential = (set: XmlElement) => set.attrs.sequential === undefined || !/^(false|no|off|n|0)$/i.test(set.attrs.sequential);
    let prev: { set: XmlElement; members: Resource[] } | undefined;
    for (const set of sets) {
      const members = setMembers(cluster, set, tags);
      const sscore = set.attrs.score !== undefined ? parseScore(set.attrs.score) : score;
      const role = parseRole(set.attrs.role);
      if (sscore !== 0 && isSequential(set)) {
        if (sscore > 0 && (set.attrs.ordering ?? "group").toLowerCase() === "group") {
          for (let i = 1; i < members.length; i++) push(members[i], members[i - 1], sscore, role, role);
        } else if (sscore > 0) {
          for (let i = 1; i < members.length; i++) push(members[i - 1], members[i], sscore, role, role);
        } else {
          for (let i = 0; i < members.length; i++) for (let j = 0; j < i; j++) push(members[i], members[j], sscore, role, role);
        }
      }
      if (prev && score !== 0) {
        const role1 = parseRole(prev.set.attrs.role);
        const first = isSequential(prev.set) ? prev.members[0] : undefined;
        const last = isSequential(set) ? members[members.length - 1] : undefined;
        const deps = first ? [first] : prev.members;
        const primaries = last ? [last] : members;
        for (const d of deps) for (const p of primaries) push(d, p, score, role1, role);
      }
      prev = { set, members };
    }
    return;
  }
  for (const rscId of tags.get(c.attrs.rsc) ?? [c.attrs.rsc]) {
    for (const withId of tags.get(c.attrs["with-rsc"]) ?? [c.attrs["with-rsc"]]) {
      const rsc = resolve(cluster, rscId);
      const withRsc = resolve(cluster, withId);
      if (!rsc || !withRsc) continue;
      cluster.colocations.push({
        id: c.attrs.id,
        rsc,
        withRsc,
        score,
        rscRole: parseRole(c.attrs["rsc-role"]),
        withRole: parseRole(c.attrs["with-rsc-role"]),
        nodeAttribute: c.attrs["node-attribute"],
      });
    }
  }
}

function orderKind(c: XmlElement): Ordering["kind"] {
  const kind = c.attrs.kind;
  if (kind === "Optional" || kind === "Serialize" || kind === "Mandatory") return kind;
  if (c.attrs.score !== undefined && parseScore(c.attrs.score) === 0) return "Optional";
  return "Mandatory";
}

function unpackOrder(cluster: Cluster, c: XmlElement, tags: Map<string, string[]>): void {
  const kind = orderKind(c);
  const symmetrical = c.attrs.symmetrical === undefined ? kind !== "Serialize" : c.attrs.symmetrical === "true";
  const sets = childElements(c, "resource_set");
  const push = (first: Resource, then: Resource, fa: string, ta: string) =>
    cluster.orderings.push({ id: c.attrs.id, first, then, firstAction: fa, thenAction: ta, kind, symmetrical });
  if (sets.length) {
    let prev: Resource[] = [];
    let prevAny: { id: string; members: Resource[] } | undefined;
    let prevAction = "start";
    for (const set of sets) {
      const members = setMembers(cluster, set, tags);
      const action = set.attrs.action ?? "start";
      const sequential = set.attrs.sequential === undefined || set.attrs.sequential === "true";
      if (sequential) for (let i = 1; i < members.length; i++) push(members[i - 1], members[i], action, action);
      const targets = sequential ? members.slice(0, 1) : members;
      if (prevAny && prev.length) {
        const anyOf = prevAny;
        for (const m of targets) cluster.orderings.push({ id: c.attrs.id, first: prev[0], then: m, firstAction: prevAction, thenAction: action, kind, symmetrical: false, anyOf });
      } else for (const p of prev) for (const m of targets) push(p, m, prevAction, action);
      if (members.length) prev = sequential ? [members[members.length - 1]] : members;
      // A set with require-all=false lets the next set go on once any one of its members can.
      prevAny = !sequential && /^(false|no|off|n|0)$/i.test(set.attrs["require-all"] ?? "") && members.length ? { id: set.attrs.id, members } : undefined;
      prevAction = action;
    }
    return;
  }
  const fa = c.attrs["first-action"] ?? "start";
  const ta = c.attrs["then-action"] ?? fa;
  for (const f of tags.get(c.attrs.first) ?? [c.attrs.first]) {
    for (const t of tags.get(c.attrs.then) ?? [c.attrs.then]) {
      const first = resolve(cluster, f);
      const then = resolve(cluster, t);
      if (!first || !then) continue;
      push(first, then, fa, ta);
      if (/^(false|no|off|n|0)$/i.test(c.attrs["require-all"] ?? "")) cluster.orderings[cluster.orderings.length - 1].anyInstance = true;
    }
  }
}

/** Ids a constraint may name that stand for several resources: tags (their obj_refs) and resource
 * templates (every primitive made from them). */
export function referenceGroups(cib: XmlElement): Map<string, string[]> {
  const config = firstChild(cib, "configuration");
  const tags = new Map<string, string[]>();
  const tagsEl = config && firstChild(config, "tags");
  if (tagsEl) for (const t of childElements(tagsEl, "tag")) tags.set(t.attrs.id, childElements(t, "obj_ref").map((o) => o.attrs.id));
  const resources = config && firstChild(config, "resources");
  const visit = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === "primitive" && c.attrs.template && c.attrs.id) {
        const list = tags.get(c.attrs.template);
        if (list) list.push(c.attrs.id);
        else tags.set(c.attrs.template, [c.attrs.id]);
      } else if (c.name === "group" || c.name === "clone" || c.name === "master") visit(c);
    }
  };
  if (resources) visit(resources);
  return tags;
}

export function unpackConstraints(cib: XmlElement, cluster: Cluster): void {
  const config = firstChild(cib, "configuration");
  const cons = config && firstChild(config, "constraints");
  const tags = referenceGroups(cib);
  if (!cons) return;
  for (const c of cons.children) {
    if (c.name === "rsc_location") unpackLocation(cluster, c, tags);
    else if (c.name === "rsc_colocation") unpackColocation(cluster, c, tags);
    else if (c.name === "rsc_order") unpackOrder(cluster, c, tags);
  }
}
