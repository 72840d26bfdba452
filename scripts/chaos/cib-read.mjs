// What the harness reads from a node's cib.xml (as pcs-lite serializes it): the version, the
// <configuration> section, node states, pending operations, nvpair values. Plain text matching:
// the harness compares nodes' files with each other, it does not interpret the CIB.

const attrsOf = (tag) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

export function cibVersion(xml) {
  const tag = /<cib\b[^>]*>/.exec(xml)?.[0];
  if (!tag) return undefined;
  const a = attrsOf(tag);
  return { admin_epoch: Number(a.admin_epoch ?? 0), epoch: Number(a.epoch ?? 0), num_updates: Number(a.num_updates ?? 0), dc: a["dc-uuid"] };
}

export const versionText = (v) => (v ? `${v.admin_epoch}.${v.epoch}.${v.num_updates}` : "none");

export function compareVersions(a, b) {
  return a.admin_epoch - b.admin_epoch || a.epoch - b.epoch || a.num_updates - b.num_updates;
}

export function configurationOf(xml) {
  const m = /<configuration>[\s\S]*<\/configuration>/.exec(xml);
  return m ? m[0] : "";
}

/** node_state entries by uname: { in_ccm, crmd, join, expected }. */
export function nodeStates(xml) {
  const out = {};
  for (const m of xml.matchAll(/<node_state\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    if (a.uname) out[a.uname] = a;
  }
  return out;
}

/** Operations recorded as in flight (op-status -1), as "rsc op on node". */
export function pendingOperations(xml) {
  const pending = [];
  for (const state of xml.matchAll(/<node_state\b[^>]*uname="([^"]*)"[\s\S]*?<\/node_state>/g)) {
    for (const op of state[0].matchAll(/<lrm_rsc_op\b[^>]*>/g)) {
      const a = attrsOf(op[0]);
      if (a["op-status"] === "-1") pending.push(`${a.id} on ${state[1]}`);
    }
  }
  return pending;
}

/** The value of nvpair `name` inside the resource `rsc`'s definition (undefined when absent). */
export function resourceNvpair(xml, rsc, name) {
  const config = configurationOf(xml);
  const def = new RegExp(`<primitive\\b[^>]*\\bid="${rsc}"[\\s\\S]*?</primitive>`).exec(config)?.[0];
  if (!def) return undefined;
  for (const m of def.matchAll(/<nvpair\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    if (a.name === name) return a.value;
  }
  return undefined;
}
