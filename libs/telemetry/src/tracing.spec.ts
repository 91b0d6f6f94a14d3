import { isUntraced } from './tracing';

describe('which requests get no span', () => {
  const anonymous = /^\/surveys\/[^/]+\/(form|answers)$/;

  it('leaves out probes and scrapes, whatever their query', () => {
    expect(isUntraced('/health')).toBe(true);
    expect(isUntraced('/metrics?x=1')).toBe(true);
  });

  it("leaves out an anonymous caller's request, whose span would record its address", () => {
    expect(isUntraced('/surveys/3f6c/answers', anonymous)).toBe(true);
    expect(isUntraced('/surveys/3f6c/form?area=9q8yy', anonymous)).toBe(true);
  });

  it('traces every other request', () => {
    expect(isUntraced('/surveys/3f6c', anonymous)).toBe(false);
    expect(isUntraced('/referrals')).toBe(false);
    expect(isUntraced('/healthz')).toBe(false);
  });
});
