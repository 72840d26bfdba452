// Property validation against daemon metadata, as pcs 0.11.5 does it (pure functions).
import { parseDaemonMetadata, timeoutToSeconds, validateSetProperties } from "../../src/cib/properties";

const METADATA = `<?xml version="1.0"?>
<resource-agent name="pacemaker-schedulerd" version="2.1.5">
  <parameters>
    <parameter name="no-quorum-policy">
      <shortdesc lang="en">What to do</shortdesc>
      <content type="select" default="stop"><option value="stop" /><option value="freeze" /></content>
    </parameter>
    <parameter name="stonith-enabled"><content type="boolean" default="true"/></parameter>
    <parameter name="batch-limit"><content type="integer" default="0"/></parameter>
    <parameter name="load-threshold"><content type="percentage" default="80%"/></parameter>
    <parameter name="stonith-timeout"><content type="time" default="60s"/></parameter>
    <parameter name="dc-version"><content type="string" default="none"/></parameter>
  </parameters>
</resource-agent>`;

const definitions = parseDaemonMetadata(METADATA);
const check = (properties: Record<string, string>, configured: string[] = []) =>
  validateSetProperties({ definitions, setId: "cib-bootstrap-options", configured, properties: new Map(Object.entries(properties)) }).map(
    (r) => `${r.severity}${r.forceable ? "(forceable)" : ""}: ${r.message}`,
  );

describe("cluster property validation", () => {
  test("reads names, types, defaults and allowed values from the metadata", () => {
    expect(definitions.find((d) => d.name === "no-quorum-policy")).toMatchObject({ type: "select", default: "stop", enumValues: ["stop", "freeze"] });
  });

  test("valid values pass", () => {
    expect(check({ "no-quorum-policy": "freeze", "stonith-enabled": "No", "batch-limit": "-INFINITY", "load-threshold": "50%", "stonith-timeout": "2min" })).toEqual([]);
  });

  test("bad values and unknown names are forceable errors with pcs's texts", () => {
    expect(check({ foo: "1", "stonith-enabled": "maybe", "no-quorum-policy": "x", "batch-limit": "1.5", "load-threshold": "5", "stonith-timeout": "5x" })).toEqual([
      "error(forceable): invalid cluster property option 'foo', allowed options are: 'batch-limit', 'load-threshold', 'no-quorum-policy', 'stonith-enabled', 'stonith-timeout'",
      "error(forceable): 'maybe' is not a valid stonith-enabled value, use a pacemaker boolean value: '0', '1', 'false', 'n', 'no', 'off', 'on', 'true', 'y', 'yes'",
      "error(forceable): 'x' is not a valid no-quorum-policy value, use 'freeze', 'stop'",
      "error(forceable): '1.5' is not a valid batch-limit value, use an integer or INFINITY or -INFINITY",
      "error(forceable): '5' is not a valid load-threshold value, use a non-negative integer followed by '%' (e.g. 0%, 50%, 200%, ...)",
      "error(forceable): '5x' is not a valid stonith-timeout value, use time interval (e.g. 1, 2s, 3m, 4h, ...)",
    ]);
  });

  test("read-only properties cannot be forced; removing a missing one is a forceable error", () => {
    expect(check({ "dc-version": "" })).toEqual([
      "error(forceable): Cannot remove property 'dc-version', it is not present in property set 'cib-bootstrap-options'",
      "error: invalid cluster property option 'dc-version', allowed options are: 'batch-limit', 'load-threshold', 'no-quorum-policy', 'stonith-enabled', 'stonith-timeout'",
    ]);
    expect(check({ "my-old-option": "" }, ["my-old-option"])).toEqual([]);
  });

  test("time intervals as pcs reads them", () => {
    expect([timeoutToSeconds("10"), timeoutToSeconds("2min"), timeoutToSeconds("1hr"), timeoutToSeconds("5x"), timeoutToSeconds("1.5s")]).toEqual([10, 120, 3600, undefined, undefined]);
  });
});
