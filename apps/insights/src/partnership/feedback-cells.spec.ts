import { feedbackCells, feedbackSummary, MINIMUM_CELL_SIZE, ScoredAnswer } from './feedback-cells';

describe('community feedback per quarter and area code', () => {
  const answers = (quarter: string, areaCode: string, count: number, helped = 4): ScoredAnswer[] =>
    Array.from({ length: count }, () => ({ quarter, areaCode, scores: { helped, respected: 5 } }));

  it('shows a cell of at least five answers with its count and mean scores', () => {
    const cells = feedbackCells([
      ...answers('2026-Q4', '97201', 3, 5),
      ...answers('2026-Q4', '97201', 2, 2),
    ]);
    expect(cells).toEqual([
      {
        quarter: '2026-Q4',
        areaCode: '97201',
        suppressed: false,
        answers: 5,
        means: { helped: 3.8, respected: 5, timely: null, wouldCallAgain: null },
      },
    ]);
  });

  it('suppresses a cell under five answers, showing neither its count nor its scores', () => {
    expect(feedbackCells(answers('2026-Q4', '97201', MINIMUM_CELL_SIZE - 1))).toEqual([
      { quarter: '2026-Q4', areaCode: '97201', suppressed: true },
    ]);
  });

  it("suppresses the smallest other cell of a quarter whose only small cell could be worked out from the quarter's total", () => {
    const cells = feedbackCells([
      ...answers('2026-Q4', '97201', 12),
      ...answers('2026-Q4', '97202', 6),
      ...answers('2026-Q4', '97203', 2),
    ]);
    expect(cells.map((cell) => [cell.areaCode, cell.suppressed])).toEqual([
      ['97201', false],
      ['97202', true],
      ['97203', true],
    ]);
  });

  it('adds no second suppression to a quarter with two small cells already', () => {
    const cells = feedbackCells([
      ...answers('2026-Q4', '97201', 12),
      ...answers('2026-Q4', '97202', 2),
      ...answers('2026-Q4', '97203', 3),
    ]);
    expect(cells.filter((cell) => cell.suppressed).map((cell) => cell.areaCode)).toEqual([
      '97202',
      '97203',
    ]);
  });

  it('keeps quarters apart', () => {
    const cells = feedbackCells([
      ...answers('2026-Q3', '97201', 5),
      ...answers('2026-Q4', '97201', 5),
    ]);
    expect(cells.map((cell) => [cell.quarter, cell.suppressed])).toEqual([
      ['2026-Q3', false],
      ['2026-Q4', false],
    ]);
  });

  it('sums up all answers given together with their count and mean per question', () => {
    expect(
      feedbackSummary([
        ...answers('2026-Q3', '97201', 2, 5),
        ...answers('2026-Q4', '97202', 2, 3),
        { quarter: '2026-Q4', areaCode: 'unknown', scores: { timely: 2 } },
      ]),
    ).toEqual({
      suppressed: false,
      answers: 5,
      means: { helped: 4, respected: 5, timely: 2, wouldCallAgain: null },
    });
  });

  it('suppresses the summary of fewer than five answers, showing neither count nor scores', () => {
    expect(feedbackSummary(answers('2026-Q4', '97201', MINIMUM_CELL_SIZE - 1))).toEqual({
      suppressed: true,
    });
  });
});
