// The pcs rule grammar: parse words to an AST, build CIB <rule> XML, print CIB rules back as text.
export {
  parseRule,
  preprocessRuleWords,
  ruleErrorMessage,
  usesIntegerType,
  ruleLeaves,
  type RuleGrammar,
  RuleSyntaxError,
  COMPARISONS,
  SIMPLE_TYPES,
  DATE_PARTS,
  type RuleNode,
  type DateParts,
  type Comparison,
  type SimpleType,
} from "./parser.js";
export { appendRule, type BuildRuleOptions } from "./to-cib.js";
export { ruleDetailLines, ruleExpressionText, attributeList, primaryRole } from "./to-text.js";
export { isIso8601Date } from "./dates.js";
