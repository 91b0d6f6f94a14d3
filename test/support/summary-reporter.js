/**
 * Ends a jest run with one plain line, "Tests: N passed, N failed, N skipped", after jest's own
 * summary, so that CI can read the outcome from the last line whatever reporter ran before.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line =
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ` +
      `${results.numPendingTests + results.numTodoTests} skipped`;
    // On exit, so that it comes after everything jest's own reporters print.
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}

module.exports = SummaryReporter;
