// The attributes of the <cib> element as Pacemaker's schema (versions.rng, cib-1.2.rng) allows them.
// pcs reads a file through cibadmin, which refuses a CIB the schema rejects; the root is the part
// pcs-lite itself edits (the version is bumped on every change), so a root that is not valid there
// would be written out differently broken, or with epoch="NaN".
import type { XmlElement } from "./xml.js";

const NON_NEGATIVE_INTEGER = /^\+?[0-9]+$/;
const BOOLEAN = /^(true|false|1|0)$/;

/** Each attribute the schema allows on <cib>, and the values it takes (undefined: any text). */
const ALLOWED: Record<string, RegExp | undefined> = {
  admin_epoch: NON_NEGATIVE_INTEGER,
  epoch: NON_NEGATIVE_INTEGER,
  num_updates: NON_NEGATIVE_INTEGER,
  "validate-with": undefined,
  crm_feature_set: undefined,
  "remote-tls-port": NON_NEGATIVE_INTEGER,
  "remote-clear-port": NON_NEGATIVE_INTEGER,
  "have-quorum": BOOLEAN,
  "dc-uuid": undefined,
  "cib-last-written": undefined,
  "no-quorum-panic": BOOLEAN,
  "update-origin": undefined,
  "update-client": undefined,
  "update-user": undefined,
  "execution-date": undefined,
};

const REQUIRED = ["admin_epoch", "epoch", "num_updates"] as const;

/** Why the schema rejects the attributes of a <cib> element, or undefined when it accepts them. */
export function cibRootProblem(cib: XmlElement): string | undefined {
  for (const name of REQUIRED) if (cib.attrs[name] === undefined) return `the element 'cib' has no attribute '${name}'`;
  for (const [name, value] of Object.entries(cib.attrs)) {
    if (!Object.hasOwn(ALLOWED, name)) return `the element 'cib' has an attribute '${name}' the CIB schema does not allow`;
    const pattern = ALLOWED[name];
    if (pattern && !pattern.test(value.trim())) return `the attribute '${name}' of the element 'cib' has an invalid value: '${value}'`;
  }
  return undefined;
}
