// A CIB with a status section for the offline status tests: four nodes (one in standby running a
// resource, one offline, one never seen), a failed monitor with its fail count, a group, clones, a
// move constraint and tickets; and the corosync.conf pcs wants beside it.
import { buildCib, dummy } from "../scheduler/build-cib";

const stateful = (id: string) => `<primitive id="${id}" class="ocf" provider="pacemaker" type="Stateful"/>`;

export function statusCib(options: { featureSet?: string } = {}): string {
  const cib = buildCib({
    nodes: [
      { name: "node1", attrs: { rack: "r1" }, transient: { "fail-count-A#monitor_10000": "2", "last-failure-A#monitor_10000": "1700000000", "master-S": "10" } },
      { name: "node2", attrs: { standby: "on" } },
      { name: "node3", state: "offline" },
      { name: "node4", state: "absent", attrs: { maintenance: "on" } },
    ],
    options: { "cluster-infrastructure": "corosync", "dc-version": "2.1.5-a3f44794f94" },
    resources:
      dummy("A") +
      `<group id="G">${dummy("B")}${dummy("C", { "target-role": "Stopped" })}</group>` +
      `<clone id="D-clone">${dummy("D")}</clone>` +
      `<clone id="S-clone"><meta_attributes id="S-clone-meta"><nvpair id="S-clone-meta-p" name="promotable" value="true"/></meta_attributes>${stateful("S")}</clone>`,
    constraints: `<rsc_location id="cli-ban-A-on-node2" rsc="A" role="Started" node="node2" score="-INFINITY"/>`,
    ops: [
      { rsc: "A", node: "node1", op: "start", call: 2 },
      { rsc: "A", node: "node1", op: "monitor", interval: 10000, rc: 7, call: 3, id: "A_last_failure_0", attrs: { "last-rc-change": "1700000000", "exec-time": "10", "queue-time": "0" } },
      { rsc: "B", node: "node2", op: "start", call: 4 },
      { rsc: "D", node: "node1", op: "start", call: 5 },
      { rsc: "D", node: "node2", op: "start", call: 6 },
      { rsc: "S", node: "node1", op: "promote", call: 7 },
      { rsc: "S", node: "node2", op: "start", call: 8 },
    ],
  }).replace(
    "<status>",
    '<status><tickets><ticket_state id="T1" granted="true" last-granted="1700000000"/><ticket_state id="T2" granted="false" standby="true"/></tickets>',
  );
  return options.featureSet ? cib.replace("<cib ", `<cib crm_feature_set="${options.featureSet}" `) : cib;
}

export const COROSYNC_CONF = `totem {
    version: 2
    cluster_name: mycluster
    transport: knet
}

nodelist {
    node {
        ring0_addr: node1
        name: node1
        nodeid: 1
    }

    node {
        ring0_addr: node2
        name: node2
        nodeid: 2
    }
}

quorum {
    provider: corosync_votequorum
}
`;

/** crm_mon's "Last updated" is the time of the call. */
export const maskTime = (text: string): string => text.replace(/Last updated: .*/, "Last updated: <now>");
