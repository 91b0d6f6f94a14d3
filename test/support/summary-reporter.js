/**
 * Ends a jest run with the time each suite took, slowest first, so that growth is visible, then
 * one plain line, "Tests: N passed, N failed, N skipped", after jest's own summary, so that CI can
 * read the outcome from the last line whatever reporter ran before.
 */
const SLOWEST_SHOWN = 25;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

function timesOf(results) {
  const root = process.cwd();
  const suites = results.testResults
    .map((suite) => ({
      path: suite.testFilePath.startsWith(root)
        ? suite.testFilePath.slice(root.length + 1)
        : suite.testFilePath,
      ms: suite.perfStats.end - suite.perfStats.start,
    }))
    .sort((a, b) => b.ms - a.ms);
  const total = suites.reduce((sum, suite) => sum + suite.ms, 0);
  const shown = suites.slice(0, SLOWEST_SHOWN);
  const rest = suites.slice(SLOWEST_SHOWN);
  const lines = shown.map((suite) => `${seconds(suite.ms)}  ${suite.path}`);
  if (rest.length > 0) {
    const restMs = rest.reduce((sum, suite) => sum + suite.ms, 0);
    lines.push(`${seconds(restMs)}  the other ${rest.length} suites`);
  }
  return `Time per suite (${suites.length} suites, ${seconds(total).trim()} in all):\n${lines.join('\n')}\n`;
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line =
      `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ` +
      `${results.numPendingTests + results.numTodoTests} skipped`;
    const times = timesOf(results);
    // On exit, so that it comes after everything jest's own reporters print.
    process.once('exit', () => process.stderr.write(`${times}${line}\n`));
  }
}

module.exports = SummaryReporter;
