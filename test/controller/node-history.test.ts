// A node's own account of what it runs replaces the DC's record of it (join, takeover), except for
// results the DC recorded after it asked: those are newer than the account.
import { serializeXml } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { replaceNodeLrm } from "../../src/cluster/store/status-section";

const node = { name: "n1", nodeid: 1 };
const lrmResource = (id: string, op: string) => `<lrm_resource id="${id}" class="ocf" provider="pacemaker" type="Dummy"><lrm_rsc_op id="${id}_last_0" operation="${op}"/></lrm_resource>`;
const cibWith = (resources: string) =>
  parseXml(`<cib><configuration/><status><node_state id="1" uname="n1"><lrm id="1"><lrm_resources>${resources}</lrm_resources></lrm></node_state></status></cib>`);
const account = (resources: string) => parseXml(`<lrm id="1"><lrm_resources>${resources}</lrm_resources></lrm>`);
const operations = (xml: string) => [...xml.matchAll(/<lrm_rsc_op id="(\w+)_last_0" operation="(\w+)"/g)].map((m) => `${m[1]}:${m[2]}`).sort();

describe("replacing a node's history", () => {
  it("takes the node's account whole", () => {
    const cib = cibWith(lrmResource("a", "start") + lrmResource("b", "start"));
    replaceNodeLrm(cib, node, account(lrmResource("a", "stop")));
    expect(operations(serializeXml(cib))).toEqual(["a:stop"]);
  });

  it("keeps what was recorded after the account was asked for", () => {
    // b started while the account travelled: the account does not know it yet
    const cib = cibWith(lrmResource("a", "start") + lrmResource("b", "start"));
    replaceNodeLrm(cib, node, account(lrmResource("a", "stop")), new Set(["b"]));
    expect(operations(serializeXml(cib))).toEqual(["a:stop", "b:start"]);
  });
});
