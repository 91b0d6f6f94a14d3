import { FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { Loaded } from '../components/data-table';
import { SelectField, Values } from '../components/form';
import { Empty } from '../components/states';
import { namer, useInitiatives, useOrganisations } from '../directory';
import { label, REFERRAL_CATEGORIES } from '../vocabulary';

interface WeekForecast {
  weekStart: string;
  expected: number;
  low: number;
  high: number;
}

interface ForecastedSeries {
  history: { from: string; to: string; weeks: number };
  model: string;
  backtest: { mase: number | null; mape: number | null; origins: number } | null;
  forecast: WeekForecast[];
}

interface CapacityOutlook {
  partnerId: string;
  category: string;
  meanWeeksOpen: number | null;
  capacityOpenCases: number | null;
  comparison: 'compared' | 'no-declared-capacity' | 'no-completed-cases';
  exceeds: boolean;
  mayExceed: boolean;
  firstWeekExceeding: string | null;
  firstWeekMayExceed: string | null;
  weeks: { weekStart: string; expectedOpenCases: number; highOpenCases: number }[];
}

/** Insights `GET /forecast`. */
interface DemandForecastView {
  history: { from: string; to: string; weeks: number } | null;
  series: (ForecastedSeries & { category: string; areaCode: string })[];
  capacity: CapacityOutlook[];
}

const MODELS: Record<string, string> = {
  'holt-winters-additive': 'Holt-Winters',
  'seasonal-naive': 'Same week last year',
  naive: 'Last week',
  'recent-mean': 'Recent mean',
};

const one = (value: number) => (Math.round(value * 10) / 10).toLocaleString('en-US');
const week = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

/**
 * Next quarter's referrals per category and area, week by week, with the error each model made
 * on its own past beside it; and each partner's open cases that demand implies (Little's law)
 * against the capacity it declared, flagged where it will or may run over. Counts only.
 */
export function DemandForecast() {
  const initiatives = useInitiatives();
  const [draft, setDraft] = useState<Values>({ initiativeId: '', category: '' });
  const [chosen, setChosen] = useState<Values>(draft);
  const set = (name: string) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const show = (event: FormEvent) => {
    event.preventDefault();
    setChosen(draft);
  };
  return (
    <section>
      <h1>Demand forecast</h1>
      <p className="hint">
        Weekly referral counts forecast 12 weeks ahead, for capacity planning. The model sees counts
        only: nothing about any person or case is predicted.
      </p>
      <form className="filters" onSubmit={show} aria-label="Forecast filters">
        <SelectField
          values={draft}
          errors={{}}
          set={set}
          name="initiativeId"
          label="Initiative (optional)"
          options={(initiatives.data ?? []).map((item) => [item.id, item.name] as const)}
        />
        <SelectField
          values={draft}
          errors={{}}
          set={set}
          name="category"
          label="Category (optional)"
          options={REFERRAL_CATEGORIES}
        />
        <div className="actions">
          <button type="submit" className="primary">
            Show forecast
          </button>
        </div>
      </form>
      <Forecast chosen={chosen} />
    </section>
  );
}

function Forecast({ chosen }: { chosen: Values }) {
  const nameOf = namer(useOrganisations().data);
  const query = new URLSearchParams({ weeks: '12' });
  if (chosen.initiativeId) query.set('initiativeId', chosen.initiativeId);
  if (chosen.category) query.set('category', chosen.category);
  const forecast = useQuery({
    queryKey: ['forecast', chosen],
    queryFn: () => get<DemandForecastView>(`/api/insights/forecast?${query.toString()}`),
  });
  return (
    <Loaded query={forecast} what="the forecast">
      {(view) => {
        if (view.series.length === 0) {
          return <Empty>No referral history to forecast from yet.</Empty>;
        }
        const weeks = view.series[0].forecast.map((item) => item.weekStart);
        const flagged = view.capacity.filter((item) => item.exceeds || item.mayExceed);
        return (
          <>
            {view.history && (
              <p>
                From {view.history.weeks} complete weeks, {view.history.from} to {view.history.to}.
              </p>
            )}
            <h2>Capacity outlook</h2>
            {flagged.length > 0 ? (
              <p className="notice warning" role="status">
                Demand will or may outrun capacity at{' '}
                {flagged
                  .map((item) => `${nameOf(item.partnerId)} (${label(item.category)})`)
                  .join(', ')}
                .
              </p>
            ) : (
              <p role="status">No partner is forecast to run over its declared capacity.</p>
            )}
            <div className="data-table">
              <table className="table">
                <caption className="visually-hidden">Capacity outlook per partner</caption>
                <thead>
                  <tr>
                    <th scope="col">Partner</th>
                    <th scope="col">Category</th>
                    <th scope="col">Capacity (open cases)</th>
                    <th scope="col">Weeks a case stays open</th>
                    <th scope="col">Open cases expected at peak (high)</th>
                    <th scope="col">Outlook</th>
                  </tr>
                </thead>
                <tbody>
                  {view.capacity.map((item) => {
                    const peak = item.weeks.reduce(
                      (top, one) => (one.expectedOpenCases > top.expectedOpenCases ? one : top),
                      item.weeks[0] ?? { expectedOpenCases: 0, highOpenCases: 0 },
                    );
                    return (
                      <tr key={`${item.partnerId}:${item.category}`}>
                        <td data-label="Partner">{nameOf(item.partnerId)}</td>
                        <td data-label="Category">{label(item.category)}</td>
                        <td data-label="Capacity (open cases)">{item.capacityOpenCases ?? '—'}</td>
                        <td data-label="Weeks a case stays open">
                          {item.meanWeeksOpen === null ? '—' : one(item.meanWeeksOpen)}
                        </td>
                        <td data-label="Open cases expected at peak (high)">
                          {item.weeks.length === 0
                            ? '—'
                            : `${one(peak.expectedOpenCases)} (${one(peak.highOpenCases)})`}
                        </td>
                        <td data-label="Outlook">
                          <Outlook item={item} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <h2>Referrals per week, forecast</h2>
            <p className="hint">
              Expected count, with the 95 % range under it. The error is the model&apos;s on this
              series&apos; own past (rolling-origin backtest): MAPE is the mean miss in percent,
              MASE below 1 beats repeating the same week a year before.
            </p>
            <div className="data-table">
              <table className="table compact forecast-table">
                <caption className="visually-hidden">Weekly referrals forecast</caption>
                <thead>
                  <tr>
                    <th scope="col">Category</th>
                    <th scope="col">Area</th>
                    <th scope="col">Model</th>
                    <th scope="col">Error</th>
                    {weeks.map((day) => (
                      <th scope="col" key={day}>
                        {week(day)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {view.series.map((series) => (
                    <tr key={`${series.category}:${series.areaCode}`}>
                      <td data-label="Category">{label(series.category)}</td>
                      <td data-label="Area">{series.areaCode}</td>
                      <td data-label="Model">{MODELS[series.model] ?? series.model}</td>
                      <td data-label="Error">
                        {series.backtest
                          ? `MAPE ${series.backtest.mape === null ? '—' : `${one(series.backtest.mape * 100)} %`}, MASE ${series.backtest.mase === null ? '—' : one(series.backtest.mase)}`
                          : 'too short to backtest'}
                      </td>
                      {series.forecast.map((item) => (
                        <td key={item.weekStart} data-label={week(item.weekStart)}>
                          {one(item.expected)}
                          <br />
                          <span className="hint">
                            {one(item.low)}–{one(item.high)}
                          </span>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </Loaded>
  );
}

function Outlook({ item }: { item: CapacityOutlook }) {
  if (item.comparison === 'no-declared-capacity') return <>No capacity declared</>;
  if (item.comparison === 'no-completed-cases') return <>Not known: no completed case yet</>;
  if (item.exceeds && item.firstWeekExceeding) {
    return <strong className="missed">✗ Exceeds from {week(item.firstWeekExceeding)}</strong>;
  }
  if (item.mayExceed && item.firstWeekMayExceed) {
    return <strong className="warn">! May exceed from {week(item.firstWeekMayExceed)}</strong>;
  }
  return <span className="met">✓ Within capacity</span>;
}
