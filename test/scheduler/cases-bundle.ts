// Scheduler cases for bundles (and the guest nodes they make), written for rules found by
// differential testing against crm_simulate 2.1.5: expected lines are what crm_simulate printed.
import { dummy } from "./build-cib";
import type { Case } from "./cases";

const three = [{ name: "node1" }, { name: "node2" }, { name: "node3" }];
const ocf = (provider: string, type: string) => `class="ocf" provider="${provider}" type="${type}"`;
const FENCE = `<primitive id="F" class="stonith" type="fence_dummy"/>`;
const bundle = (id: string, replicas: number, inner = true, extra = "") =>
  `<bundle id="${id}"><podman image="img" replicas="${replicas}"/><network ip-range-start="10.1.0.10"/>` +
  (inner ? `<primitive id="${id}-app" ${ocf("pacemaker", "Dummy")}/>` : "") +
  `${extra}</bundle>`;
const guestVm = `<primitive id="vm" ${ocf("pacemaker", "Dummy")}><meta_attributes id="vm-m"><nvpair id="vm-m1" name="remote-node" value="g1"/></meta_attributes></primitive>`;

export const BUNDLE_CASES: Case[] = [
  {
    // the connections are the bundle's own: they are not assigned ahead of the fencing device
    name: "bundle: replicas are placed after resources configured before the bundle",
    spec: { nodes: [...three.slice(0, 2), { name: "node3", attrs: { standby: "on" } }], options: { "stonith-enabled": "true" }, resources: FENCE + bundle("web", 2) },
    expected: ["* Start F ( node1 )", "* Start web-ip-10.1.0.10 ( node2 )", "* Start web-podman-0 ( node2 )", "* Start web-0 ( node2 )", "* Start web-app:0 ( web-0 )", "* Start web-ip-10.1.0.11 ( node1 )", "* Start web-podman-1 ( node1 )", "* Start web-1 ( node1 )", "* Start web-app:1 ( web-1 )"],
  },
  {
    name: "bundle: a location constraint on the inner resource leaves it on its guest node",
    spec: { nodes: three, resources: bundle("web", 1), constraints: `<rsc_location id="l1" rsc="web-app" node="web-0" score="-INFINITY"/>` },
    expected: ["* Start web-ip-10.1.0.10 ( node1 )", "* Start web-podman-0 ( node1 )", "* Start web-0 ( node1 )", "* Start web-app:0 ( web-0 )"],
  },
  {
    // with fewer replicas than nodes the bundle's optional colocation goes to every container
    name: "bundle: an optional colocation with a primitive counts when not every node gets a replica",
    spec: { nodes: three, resources: dummy("X") + bundle("web", 1), constraints: `<rsc_colocation id="c1" rsc="web" with-rsc="X" score="100"/><rsc_location id="l1" rsc="X" node="node3" score="10"/>` },
    expected: ["* Start X ( node3 )", "* Start web-ip-10.1.0.10 ( node3 )", "* Start web-podman-0 ( node3 )", "* Start web-0 ( node3 )", "* Start web-app:0 ( web-0 )"],
  },
  {
    // the container moves: what runs on its guest node restarts, the connection moves with it
    name: "guest node: a moving container restarts what its guest node runs; the connection cannot migrate",
    spec: {
      nodes: [...three, { name: "g1", remote: true }],
      resources: guestVm + dummy("R"),
      constraints: `<rsc_location id="l0" rsc="R" node="g1" score="100"/><rsc_location id="l1" rsc="vm" node="node1" score="-INFINITY"/>`,
      ops: [
        { rsc: "vm", node: "node1", op: "start", call: 2 },
        { rsc: "g1", node: "node1", op: "start", call: 3 },
        { rsc: "R", node: "g1", op: "start", call: 4 },
      ],
    },
    expected: ["* Move vm ( node1 -> node2 )", "* Move g1 ( node1 -> node2 )", "* Restart R ( g1 ) due to required vm start"],
  },
];
