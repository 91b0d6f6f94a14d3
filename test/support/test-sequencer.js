const Sequencer = require('@jest/test-sequencer').default;

/** Tests whose subject is what the whole suite left behind run after every other test. */
const LAST = ['no-personal-data-on-kafka.test.ts', 'development-untouched.test.ts'];

class ConcordSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const isLast = (test) => LAST.some((name) => test.path.endsWith(name));
    return [...sorted.filter((test) => !isLast(test)), ...sorted.filter(isLast)];
  }
}

module.exports = ConcordSequencer;
