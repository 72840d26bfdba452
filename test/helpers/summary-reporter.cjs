// Ends every jest run with the plain line CI reads: "N passed, N failed". Under scripts/test.mjs
// (PCS_TEST_TALLY set) it adds this run's counts to the tally instead; the script prints the total.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads reporters as CommonJS
const { existsSync, readFileSync, writeFileSync } = require("node:fs");

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    const tally = process.env.PCS_TEST_TALLY;
    if (tally) {
      const before = existsSync(tally) ? JSON.parse(readFileSync(tally, "utf8")) : { passed: 0, failed: 0, skipped: 0 };
      for (const k of Object.keys(counts)) counts[k] += before[k];
      writeFileSync(tally, JSON.stringify(counts));
      return;
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}\n`);
  }
}
module.exports = SummaryReporter;
