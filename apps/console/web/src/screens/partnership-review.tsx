import { FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { get } from '../api';
import { Loaded } from '../components/data-table';
import { SelectField, Values } from '../components/form';
import { Empty } from '../components/states';
import { useInitiatives } from '../directory';
import {
  measureChange,
  measureLabel,
  measureTarget,
  measureValue,
  PartnershipReview as Review,
  ReviewMeasure,
} from '../review-format';

/** This quarter and the seven before it, newest first: `2026-Q4`, `2026-Q3`, … */
export function recentQuarters(today: Date, count = 8): string[] {
  const quarters: string[] = [];
  let year = today.getUTCFullYear();
  let quarter = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; i += 1) {
    quarters.push(`${year}-Q${quarter}`);
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return quarters;
}

/**
 * The partnership review a funder or council reads: per agreement the referral figures, budget
 * use and its people at the joint activities, and for the initiative its activities and the
 * community's feedback, each against the initiative's targets with the trend from the quarter
 * before. Printable here; the service also renders it as CSV, a printable page and a PDF.
 */
export function PartnershipReview() {
  const initiatives = useInitiatives();
  const [search, setSearch] = useSearchParams();
  const quarters = recentQuarters(new Date());
  const [draft, setDraft] = useState<Values>({
    initiativeId: search.get('initiativeId') ?? '',
    quarter: search.get('quarter') ?? quarters[0],
  });
  const chosen =
    search.get('initiativeId') && search.get('quarter')
      ? { initiativeId: search.get('initiativeId') ?? '', quarter: search.get('quarter') ?? '' }
      : null;
  const set = (name: string) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const show = (event: FormEvent) => {
    event.preventDefault();
    if (draft.initiativeId && draft.quarter) setSearch(draft);
  };
  return (
    <section>
      <h1>Partnership review</h1>
      <form className="filters no-print" onSubmit={show} aria-label="Review period">
        <SelectField
          values={draft}
          errors={{}}
          set={set}
          name="initiativeId"
          label="Initiative"
          options={(initiatives.data ?? []).map((one) => [one.id, one.name] as const)}
        />
        <SelectField
          values={draft}
          errors={{}}
          set={set}
          name="quarter"
          label="Quarter"
          options={quarters.map((quarter) => [quarter, quarter.replace('-', ' ')] as const)}
        />
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={!draft.initiativeId || !draft.quarter}
          >
            Show review
          </button>
        </div>
      </form>
      {chosen ? (
        <ReviewReport initiativeId={chosen.initiativeId} quarter={chosen.quarter} />
      ) : (
        <Empty>Choose an initiative and a quarter to read its review.</Empty>
      )}
    </section>
  );
}

function ReviewReport({ initiativeId, quarter }: { initiativeId: string; quarter: string }) {
  const path = `/api/insights/initiatives/${encodeURIComponent(initiativeId)}/review?quarter=${encodeURIComponent(quarter)}`;
  const review = useQuery({
    queryKey: ['review', initiativeId, quarter],
    queryFn: () => get<Review>(path),
  });
  return (
    <Loaded query={review} what="the review">
      {(view) => (
        <article className="report" aria-label={`Partnership review ${view.period.label}`}>
          <h2>
            {view.initiativeName ?? 'Initiative'} — {view.period.label.replace('-', ' ')}
          </h2>
          <p>
            {view.period.from} to {view.period.to}, compared with {view.previousPeriod.from} to{' '}
            {view.previousPeriod.to}.
          </p>
          <div className="actions no-print">
            <button type="button" className="primary" onClick={() => window.print()}>
              Print
            </button>
            <a className="button secondary" href={`${path}&format=csv`} download>
              Download as CSV
            </a>
            <a className="button secondary" href={`${path}&format=html`} target="_blank">
              Open the printable page
            </a>
            <a className="button secondary" href={`${path}&format=pdf`} download>
              Download as PDF
            </a>
          </div>
          <MeasureTable caption="The initiative as a whole" measures={view.initiative.measures} />
          <p className="hint">
            Community feedback is the initiative&apos;s: answers are anonymous and name no
            agreement. It is shown where at least five people answered.
          </p>
          {view.agreements.length === 0 && (
            <Empty>No agreement of this initiative carried referrals in the period.</Empty>
          )}
          {view.agreements.map((agreement) => (
            <MeasureTable
              key={agreement.partnerId}
              caption={`${agreement.partnerName ?? 'Partner'}${agreement.status ? ` (agreement ${agreement.status})` : ''}`}
              measures={agreement.measures}
            />
          ))}
        </article>
      )}
    </Loaded>
  );
}

const TREND_WORDS = { better: '▲ better', worse: '▼ worse', same: '= same' } as const;

function MeasureTable({ caption, measures }: { caption: string; measures: ReviewMeasure[] }) {
  return (
    <table className="table review-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">This period</th>
          <th scope="col">Previous</th>
          <th scope="col">Change</th>
          <th scope="col">Target</th>
          <th scope="col">Met</th>
        </tr>
      </thead>
      <tbody>
        {measures.map((measure) => (
          <tr key={measure.measure}>
            <th scope="row" data-label="Measure">
              {measureLabel(measure.measure)}
            </th>
            <td data-label="This period">{measureValue(measure.value, measure.unit)}</td>
            <td data-label="Previous">{measureValue(measure.trend.previous, measure.unit)}</td>
            <td data-label="Change">
              <span>
                {measureChange(measure.trend.change, measure.unit)}
                {measure.trend.direction && (
                  <span className={`trend trend-${measure.trend.direction}`}>
                    {' '}
                    {TREND_WORDS[measure.trend.direction]}
                  </span>
                )}
              </span>
            </td>
            <td data-label="Target">{measureTarget(measure)}</td>
            <td data-label="Met">
              {measure.target === null ? (
                '—'
              ) : measure.target.met === null ? (
                'no figure'
              ) : measure.target.met ? (
                <span className="met">✓ met</span>
              ) : (
                <span className="missed">✗ not met</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
