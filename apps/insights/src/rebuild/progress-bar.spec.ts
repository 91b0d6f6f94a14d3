import { formatProgress, ProgressBar } from './progress-bar';

describe('formatProgress', () => {
  it('shows messages done of the total, the percentage and a proportional bar', () => {
    expect(formatProgress(250, 1000, 8)).toBe('[##------] 250/1000  25.0%');
  });

  it('shows a full bar when there is nothing to read', () => {
    expect(formatProgress(0, 0, 4)).toBe('[####] 0/0 100.0%');
  });
});

describe('ProgressBar', () => {
  const recorder = () => {
    const writes: string[] = [];
    return { writes, stream: { write: (text: string) => writes.push(text) } };
  };

  it('rewrites one line with carriage returns and ends it once', () => {
    const { writes, stream } = recorder();
    const bar = new ProgressBar(stream, 'rebuild', 0);
    bar.update(1, 2, 1);
    bar.update(2, 2, 2);
    bar.finish();
    expect(writes.slice(0, 2).every((text) => text.startsWith('\r'))).toBe(true);
    expect(writes.at(-1)).toBe('\n');
    expect(writes.join('')).not.toMatch(/\n.*\n/);
  });

  it('draws at most once per interval, but always the last update', () => {
    const { writes, stream } = recorder();
    const bar = new ProgressBar(stream, 'rebuild', 100);
    bar.update(1, 3, 1000);
    bar.update(2, 3, 1050);
    bar.update(3, 3, 1060);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('3/3');
  });
});
