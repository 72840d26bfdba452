// The scheduler's Transition Summary on small CIBs, against what crm_simulate 2.1.5 printed for them.
import { parseXml } from "../../src/cib/xml-parse";
import { schedule, transitionSummary } from "../../src/scheduler/index";
import { parseIsoTime } from "../../src/scheduler/time";
import { CASES, cibOf } from "./cases";

const fold = (lines: string[]) => lines.map((l) => l.trim().split(/\s+/).join(" ")).sort();

describe("transition summary", () => {
  for (const c of CASES) {
    test(c.name, () => {
      const result = schedule(parseXml(cibOf(c)), Date.UTC(2024, 0, 1));
      expect(fold(transitionSummary(result))).toEqual(fold(c.expected));
    });
  }
});

describe("ISO 8601 times", () => {
  test("calendar, ordinal and week dates", () => {
    expect(parseIsoTime("2005-01-20")).toBe(Date.UTC(2005, 0, 20));
    expect(parseIsoTime("2005-020")).toBe(Date.UTC(2005, 0, 20));
    expect(parseIsoTime("2005-020T11:30")).toBe(Date.UTC(2005, 0, 20, 11, 30));
    expect(parseIsoTime("2009-W01-1")).toBe(Date.UTC(2008, 11, 29));
    expect(parseIsoTime("2014-05-07 00:28:00")).toBe(Date.UTC(2014, 4, 7, 0, 28));
    expect(parseIsoTime("nonsense")).toBeUndefined();
  });
});
