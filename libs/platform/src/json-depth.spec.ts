import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

const text = (json: string) => Buffer.from(json, 'utf8');
const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, one level each', () => {
    expect(nestsDeeperThan(text('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(nestsDeeperThan(text('{"a":[{"b":1}]}'), 2)).toBe(true);
  });

  it('allows exactly the limit and refuses one level more', () => {
    expect(nestsDeeperThan(text(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(text(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const brackets = `{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`;
    expect(nestsDeeperThan(text(brackets), 2)).toBe(false);
  });

  it('reads depth in sibling containers, not their count', () => {
    expect(nestsDeeperThan(text(`[${Array(1000).fill('[1]').join(',')}]`), 2)).toBe(false);
  });

  it('is not misled by multi-byte UTF-8 characters', () => {
    expect(nestsDeeperThan(text('{"😀[":"é{","b":["ø"]}'), 2)).toBe(false);
  });

  it('finds 100,000 levels without recursion', () => {
    expect(nestsDeeperThan(text(nested(100_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});
