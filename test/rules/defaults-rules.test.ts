// The rule grammar of resource and op defaults (pcs 0.11's): what parses, the XML it makes with pcs's
// ids, the schema upgrade it needs, and where resource and op expressions are allowed.
import { createElement } from "../../src/cib/xml";
import { IdIndex } from "../../src/cib/ids";
import { emptyCib } from "../../src/cib/document";
import { ruleDetailLines } from "../../src/cib/rules";
import { parseDefaultsRuleText } from "../../src/commands/defaults/rule-parser";
import { appendDefaultsRuleTree, upgradeForDefaultsRuleTree } from "../../src/commands/defaults/rule-cib";
import { validateDefaultsRuleTree } from "../../src/commands/defaults/rule-validate";

describe("defaults rule grammar (resource / op expressions)", () => {
  test.each(["resource Dummy", "resource a:b:c:d", "op", "op monitor interval=abc", "op monitor foo=1", "resource ocf::Dummy and"])(
    "%s does not parse",
    (rule) => expect(() => parseDefaultsRuleText(rule)).toThrow(/parse error at column \d+/),
  );

  test("XML with pcs's ids, scores and the schema upgrade", () => {
    const cib = emptyCib();
    const rule = parseDefaultsRuleText("resource ocf:heartbeat:Dummy or op start");
    expect(upgradeForDefaultsRuleTree(cib, rule)).toHaveLength(1);
    expect(cib.attrs["validate-with"]).toBe("pacemaker-3.9");
    expect(validateDefaultsRuleTree(rule, { rsc: true, op: false, nodeAttribute: false }).length).toBeGreaterThan(0);
    expect(validateDefaultsRuleTree(rule, { rsc: true, op: true, nodeAttribute: false })).toEqual([]);
    const set = createElement("meta_attributes", { id: "s" });
    const xml = appendDefaultsRuleTree(cib, set, rule, new IdIndex(cib));
    expect(ruleDetailLines(xml, { detail: true })).toEqual([
      "Rule: boolean-op=or score=INFINITY (id:s-rule)",
      "  Expression: resource ocf:heartbeat:Dummy (id:s-rule-rsc-ocf-heartbeat-Dummy)",
      "  Expression: op start (id:s-rule-op-start)",
    ]);
  });
});
