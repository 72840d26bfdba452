import { createElement } from "../../src/cib/xml";
import { IdIndex } from "../../src/cib/ids";
import { emptyCib } from "../../src/cib/document";
import { parseRule, ruleDetailLines, RuleSyntaxError } from "../../src/cib/rules";
import { appendDefaultsRule, parseDefaultsRule, upgradeForDefaultsRule, validateDefaultsRule } from "../../src/cib/defaults-rule";

const words = (text: string) => text.split(" ");

describe("defaults rule grammar (resource / op expressions)", () => {
  test("resource and op expressions parse only in the defaults grammar", () => {
    expect(parseRule(words("resource ocf::Dummy and op monitor interval=10s"), { rscOp: true })).toEqual({
      kind: "boolean",
      op: "and",
      children: [
        { kind: "rsc", standard: "ocf", provider: undefined, type: "Dummy" },
        { kind: "op", name: "monitor", interval: "10s" },
      ],
    });
    expect(() => parseRule(words("resource ocf::Dummy"))).toThrow(RuleSyntaxError);
  });

  test.each(["resource Dummy", "resource a:b:c:d", "op", "op monitor interval=abc", "op monitor foo=1", "resource ocf::Dummy and"])(
    "%s does not parse",
    (rule) => expect(parseDefaultsRule(words(rule)).ok).toBe(false),
  );

  test("XML with pcs's ids, scores and the schema upgrade", () => {
    const cib = emptyCib();
    const parsed = parseDefaultsRule(words("resource ocf:heartbeat:Dummy or op start"));
    if (!parsed.ok) throw new Error("no parse");
    expect(upgradeForDefaultsRule(cib, parsed.node)).toHaveLength(1);
    expect(cib.attrs["validate-with"]).toBe("pacemaker-3.9");
    expect(validateDefaultsRule(parsed.node, "rsc_defaults").map((r) => r.code)).toEqual(["RULE_EXPRESSION_NOT_ALLOWED"]);
    expect(validateDefaultsRule(parsed.node, "op_defaults")).toEqual([]);
    const set = createElement("meta_attributes", { id: "s" });
    const rule = appendDefaultsRule(set, parsed.node, new IdIndex(cib));
    expect(ruleDetailLines(rule, { detail: true })).toEqual([
      "Rule: boolean-op=or score=INFINITY (id:s-rule)",
      "  Expression: resource ocf:heartbeat:Dummy (id:s-rule-rsc-ocf-heartbeat-Dummy)",
      "  Expression: op start (id:s-rule-op-start)",
    ]);
  });
});
