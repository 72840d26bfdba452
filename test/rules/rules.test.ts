import { serializeXml, createElement } from "../../src/cib/xml";
import { parseXml } from "../../src/cib/xml-parse";
import { IdIndex } from "../../src/cib/ids";
import { emptyCib } from "../../src/cib/document";
import { appendRule, parseRule, ruleDetailLines, ruleErrorMessage, ruleExpressionText, RuleSyntaxError } from "../../src/cib/rules";

const errorOf = (rule: string): string => {
  const words = rule.split(" ");
  try {
    parseRule(words);
  } catch (e) {
    if (e instanceof RuleSyntaxError) return ruleErrorMessage(words, e);
    throw e;
  }
  return "";
};

describe("rule parser errors (pcs 0.11.5 texts)", () => {
  test.each([
    ["foo", "'foo' is not a valid rule expression: missing one of 'eq', 'ne', 'lt', 'gt', 'lte', 'gte', 'in_range', 'defined', 'not_defined', 'date-spec'"],
    ["foo eq", "'foo eq' is not a valid rule expression: unexpected end of rule"],
    ["foo eq integer x", "'foo eq integer x' is not a valid rule expression: invalid integer value 'x'"],
    ["date-spec hours=25", "'date-spec hours=25' is not a valid rule expression: invalid hours '25' in 'date-spec'"],
    ["date in_range 2023-01-01 to duration months=x", "'date in_range 2023-01-01 to duration months=x' is not a valid rule expression: invalid months 'x' in 'duration'"],
    ["( foo eq 1", "'( foo eq 1' is not a valid rule expression: missing ')'"],
    ["foo eq 1 bar", "'foo eq 1 bar' is not a valid rule expression: unexpected 'bar'"],
    ["date gt foo", "'date gt foo' is not a valid rule expression: 'foo' is not an ISO 8601 date"],
    ["date in_range 2023-13-01 to 2024-01-01", "'date in_range 2023-13-01 to 2024-01-01' is not a valid rule expression: invalid date '2023-13-01' in 'in_range ... to'"],
    ["and foo", "'and foo' is not a valid rule expression: unexpected 'and'"],
    ["date-spec hour=1", "'date-spec hour=1' is not a valid rule expression: unexpected 'hour=1' in date-spec"],
  ])("%s", (rule, message) => expect(errorOf(rule)).toBe(message));
});

describe("rule to CIB and back", () => {
  const build = (rule: string) => {
    const cib = emptyCib();
    const loc = createElement("rsc_location", { id: "location-B", rsc: "B" });
    const ids = new IdIndex(cib);
    const el = appendRule(loc, parseRule(rule.split(" ")), { ids, nestedScore: "0" });
    el.attrs.score = "INFINITY";
    return el;
  };

  test("nested booleans get their own rule elements, with pcs's ids", () => {
    const el = build("#uname eq n1 and date-spec hours=1-5 weekdays=2 or defined foo");
    expect(serializeXml(el)).toBe(
      serializeXml(
        parseXml(`<rule id="location-B-rule" boolean-op="or" score="INFINITY">
  <rule id="location-B-rule-rule" boolean-op="and" score="0">
    <expression id="location-B-rule-rule-expr" operation="eq" attribute="#uname" value="n1"/>
    <date_expression id="location-B-rule-rule-expr-1" operation="date_spec">
      <date_spec id="location-B-rule-rule-expr-1-datespec" hours="1-5" weekdays="2"/>
    </date_expression>
  </rule>
  <expression id="location-B-rule-expr" operation="defined" attribute="foo"/>
</rule>`),
      ),
    );
    expect(ruleDetailLines(el, { detail: false })).toEqual([
      "Rule: boolean-op=or score=INFINITY",
      "  Rule: boolean-op=and score=0",
      "    Expression: #uname eq n1",
      "    Expression:",
      "      Date Spec: hours=1-5 weekdays=2",
      "  Expression: defined foo",
    ]);
    expect(ruleExpressionText(el, true)).toBe("(#uname eq string n1 and date-spec hours=1-5 weekdays=2) or defined foo");
  });

  test("parentheses and date ranges", () => {
    const el = build("(foo gt version 1.2 or bar lt 3) and date in_range 2023-01-01 to duration months=2");
    expect(ruleExpressionText(el)).toBe("(foo gt version 1.2 or bar lt 3) and date in_range 2023-01-01 to duration months=2");
    expect(ruleDetailLines(el, { detail: true }).slice(-2)).toEqual([
      "  Expression: date in_range 2023-01-01 to duration (id:location-B-rule-expr)",
      "    Duration: months=2 (id:location-B-rule-expr-duration)",
    ]);
  });
});
