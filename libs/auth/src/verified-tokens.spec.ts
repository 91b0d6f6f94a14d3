import { Caller } from './caller';
import { VerifiedTokens } from './verified-tokens';

const caller = (subject: string): Caller => ({ subject, role: 'admin' }) as Caller;

describe('VerifiedTokens', () => {
  it('gives back a verified token until its exp, and not after', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(10, () => now);
    const admin = caller('a');
    tokens.remember('token-a', admin, 1_060); // exp: 1,060 s = 1,060,000 ms
    expect(tokens.get('token-a')).toBe(admin);
    now = 1_059_999;
    expect(tokens.get('token-a')).toBe(admin);
    now = 1_060_000;
    expect(tokens.get('token-a')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('holds at most maxTokens, forgetting the one verified longest ago', () => {
    const tokens = new VerifiedTokens(2, () => 0);
    tokens.remember('one', caller('1'), 60);
    tokens.remember('two', caller('2'), 60);
    tokens.remember('three', caller('3'), 60);
    expect(tokens.size).toBe(2);
    expect(tokens.get('one')).toBeUndefined();
    expect(tokens.get('three')?.subject).toBe('3');
  });
});
