import { cpuSecondsOf } from './cpu-accounting';

describe('cpuSecondsOf', () => {
  it('adds user, system and waited-for children ticks of a /proc/<pid>/stat line', () => {
    const stat =
      '4242 (postgres) S 1 4242 4242 0 -1 4194560 9000 0 0 0 150 50 30 20 20 0 1 0 100 0 0';
    expect(cpuSecondsOf(stat)).toBe(2.5);
  });

  it('reads the fields after the last parenthesis when the command name holds spaces and parentheses', () => {
    const stat = '77 (node (bench) x) R 1 77 77 0 -1 4194560 1 0 0 0 100 100 0 0 20 0 1 0 5 0 0';
    expect(cpuSecondsOf(stat)).toBe(2);
  });
});
