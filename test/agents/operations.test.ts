import { timeoutToSeconds, uniquifyIntervals, validateDifferentIntervals } from "../../src/cib/operations";

describe("operations", () => {
  it("converts durations like pcs", () => {
    expect(timeoutToSeconds("10")).toBe(10);
    expect(timeoutToSeconds("2min")).toBe(120);
    expect(timeoutToSeconds("1h")).toBe(3600);
    expect(timeoutToSeconds("abc")).toBeUndefined();
  });

  it("finds duplicate intervals", () => {
    const reports = validateDifferentIntervals([
      { name: "monitor", interval: "10" },
      { name: "monitor", interval: "10s" },
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0].message).toContain("monitor with intervals 10, 10s");
  });

  it("makes default intervals unique", () => {
    const { ops, reports } = uniquifyIntervals([
      { name: "monitor", interval: "10s" },
      { name: "monitor", interval: "10s" },
    ]);
    expect(ops[1].interval).toBe("11");
    expect(reports).toHaveLength(1);
  });
});
