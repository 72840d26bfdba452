// The pure parts the Pacemaker backends rely on: crm_node's node list, and which `_last_failure_0`
// records crm_mon lists as failed actions (a probe that found the resource active is none).
import { parseXml } from "../../src/cib/xml-parse";
import { isShownFailure } from "../../src/cib/failure-record";
import { parseNodeList } from "../../src/pacemaker-agent/facts";

const op = (attrs: string) => parseXml(`<lrm_rsc_op id="d1_last_failure_0" operation_key="d1_monitor_0" ${attrs}/>`);

test("crm_node --list: id, name and membership state a line", () => {
  expect(parseNodeList("1 vm member\n2 other lost\n\n")).toEqual([
    { name: "vm", nodeid: 1, state: "member" },
    { name: "other", nodeid: 2, state: "lost" },
  ]);
});

test.each([
  ['operation="monitor" interval="0" rc-code="0" op-status="0" transition-key="3:1:7:abc"', false],
  ['operation="monitor" interval="0" rc-code="8" op-status="0" transition-key="3:1:7:abc"', false],
  ['operation="monitor" interval="0" rc-code="5" op-status="0" transition-key="3:1:7:abc"', true],
  ['operation="monitor" interval="10000" rc-code="7" op-status="0" transition-key="3:1:0:abc"', true],
  ['operation="start" interval="0" rc-code="1" op-status="4" transition-key="3:1:0:abc"', true],
  ['operation="start" interval="0" rc-code="0" op-status="2" transition-key="3:1:0:abc"', true],
  ['operation="start" interval="0" rc-code="0" op-status="-1" transition-key="3:1:0:abc"', false],
])("a last failure %s is shown: %s", (attrs, shown) => {
  expect(isShownFailure(op(attrs))).toBe(shown);
});
