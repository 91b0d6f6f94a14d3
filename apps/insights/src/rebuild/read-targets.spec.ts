import { ReadTargets } from './read-targets';

const targets = () =>
  new ReadTargets([
    { topic: 'a', partition: 0, low: '0', high: '3' },
    { topic: 'a', partition: 1, low: '5', high: '7' },
    { topic: 'b', partition: 0, low: '4', high: '4' },
  ]);

describe('ReadTargets', () => {
  it('counts the messages between the first offset and the high watermark of each partition', () => {
    expect(targets().total).toBe(5);
  });

  it('wants only the messages that were on the broker at the start', () => {
    const read = targets();
    expect(read.wants('a', 0, '2')).toBe(true);
    expect(read.wants('a', 0, '3')).toBe(false);
    expect(read.wants('c', 0, '0')).toBe(false);
  });

  it('is complete once every non-empty partition is read to its watermark', () => {
    const read = targets();
    expect(read.readThrough('a', 0, '1')).toBe(false);
    expect(read.readThrough('a', 0, '2')).toBe(true);
    expect(read.complete).toBe(false);
    expect(read.readThrough('a', 1, '9')).toBe(true);
    expect(read.complete).toBe(true);
  });

  it('has nothing to read on empty partitions', () => {
    expect(new ReadTargets([{ topic: 'b', partition: 0, low: '4', high: '4' }]).complete).toBe(
      true,
    );
  });
});
