import { reportingQuarters } from './reporting-quarters';

describe('the quarters a partnership figure shows', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const period = { periodFrom: '2026-02-01', periodTo: '2027-12-31' };

  it('shows the quarters from and to fall in, both included', () => {
    expect(reportingQuarters({ from: '2026-05-20', to: '2026-10-01' }, period, now)).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
  });

  it("runs by default from the initiative's start to the current quarter", () => {
    expect(reportingQuarters({}, period, now)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
  });

  it('ends by default with the quarter the period ends in when that is over', () => {
    expect(
      reportingQuarters({}, { periodFrom: '2025-01-01', periodTo: '2025-06-30' }, now),
    ).toEqual(['2025-Q1', '2025-Q2']);
  });

  it('shows only the current quarter when nothing says otherwise', () => {
    expect(reportingQuarters({}, undefined, now)).toEqual(['2026-Q4']);
  });
});
