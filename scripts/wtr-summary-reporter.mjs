// Prints one plain closing line, "N passed, N failed", after a browser test run,
// and writes the counts to $WTR_SUMMARY_FILE for scripts/test.mjs.
import { writeFileSync } from 'node:fs';
function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load has no tests but errors.
        if ((session.errors ?? []).length > 0 && !session.testResults?.tests?.length) totals.failed++;
      }
      console.log(`\nbrowser: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
      if (process.env.WTR_SUMMARY_FILE) writeFileSync(process.env.WTR_SUMMARY_FILE, JSON.stringify(totals));
    },
  };
}
