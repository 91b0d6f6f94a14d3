import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../api';
import { Budget, Initiative, KpiReport, KpiTarget, WeeklyFigures } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
import { StatusLabel } from '../components/labels';
import { Column } from '../components/sortable-table';
import { Empty } from '../components/states';
import { WeeklyChart } from '../components/weekly-chart';
import {
  duration,
  money,
  namer,
  percent,
  useAgreements,
  useBudgets,
  useInitiatives,
  useOrganisations,
} from '../directory';
import { measureOf, shown } from '../kpi-measures';
import { label } from '../vocabulary';

function TargetRow({ target, kpis }: { target: KpiTarget; kpis: KpiReport }) {
  const measure = measureOf(target.metric);
  if (!measure) {
    return (
      <tr>
        <th scope="row">{target.metric}</th>
        <td data-label="Target">
          {target.target} {target.unit ?? ''}
        </td>
        <td data-label="Now">Not measured by Concord</td>
        <td data-label="Status">—</td>
      </tr>
    );
  }
  const value = measure.of(kpis);
  const met =
    value === null
      ? null
      : measure.better === 'lower'
        ? value <= target.target
        : value >= target.target;
  return (
    <tr>
      <th scope="row">{measure.name}</th>
      <td data-label="Target">
        {measure.better === 'lower' ? 'at most' : 'at least'} {shown(target.target, measure.unit)}
      </td>
      <td data-label="Now">{value === null ? 'No data yet' : shown(value, measure.unit)}</td>
      <td data-label="Status">
        {met === null ? (
          '—'
        ) : met ? (
          <strong className="met">✓ Met</strong>
        ) : (
          <strong className="missed">✗ Not met</strong>
        )}
      </td>
    </tr>
  );
}

function Figure({ name, value }: { name: string; value: string | number }) {
  return (
    <div className="figure">
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}

type BudgetKey =
  'partner' | 'category' | 'awarded' | 'reserved' | 'charged' | 'available' | 'state';

/** The programme administrator's dashboard: KPIs against targets, weekly charts, budgets. */
export function Dashboard() {
  const client = useQueryClient();
  const initiatives = useInitiatives();
  const [chosen, setChosen] = useState('');
  const refresh = () => {
    for (const figures of ['kpis', 'stuck', 'budgets', 'agreements', 'initiatives']) {
      void client.invalidateQueries({ queryKey: [figures] });
    }
  };
  return (
    <section>
      <div className="heading-row">
        <h1>Dashboard</h1>
        <button type="button" className="secondary" onClick={refresh}>
          Refresh the figures
        </button>
      </div>
      <Loaded query={initiatives} what="the initiatives">
        {(list) =>
          list.length === 0 ? (
            <Empty>
              No initiative yet. <Link to="/initiatives">Create the first one</Link>.
            </Empty>
          ) : (
            <>
              <div className="filters">
                <div className="field">
                  <label htmlFor="dashboard-initiative">Initiative</label>
                  <select
                    id="dashboard-initiative"
                    value={chosen || list[0].id}
                    onChange={(event) => setChosen(event.target.value)}
                  >
                    {list.map((initiative) => (
                      <option key={initiative.id} value={initiative.id}>
                        {initiative.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <InitiativeDashboard initiative={list.find((one) => one.id === chosen) ?? list[0]} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function InitiativeDashboard({ initiative }: { initiative: Initiative }) {
  const id = initiative.id;
  const kpis = useQuery({
    queryKey: ['kpis', id],
    queryFn: () => get<KpiReport>(`/api/insights/kpis?initiativeId=${id}`),
  });
  const weekly = useQuery({
    queryKey: ['kpis', 'weekly', id],
    queryFn: () => get<{ weeks: WeeklyFigures[] }>(`/api/insights/kpis/weekly?initiativeId=${id}`),
  });
  const stuck = useQuery({
    queryKey: ['stuck', id],
    queryFn: () =>
      get<{ total: number }>(`/api/insights/referrals/stuck?initiativeId=${id}&limit=1`),
  });
  const budgets = useBudgets(id);
  const agreements = useAgreements();
  const organisations = useOrganisations();
  const nameOf = namer(organisations.data);
  const ofInitiative = (agreements.data ?? []).filter((one) => one.initiativeId === id);
  const exhausted = (budgets.data ?? []).filter((budget) => budget.exhausted);

  const budgetColumns: Column<Budget, BudgetKey>[] = [
    {
      key: 'partner',
      header: 'Partner',
      cell: (row) => <Link to={`/budgets/${row.id}`}>{nameOf(row.partnerId)}</Link>,
      sortValue: (row) => nameOf(row.partnerId),
    },
    {
      key: 'category',
      header: 'Category',
      cell: (row) => (row.category ? label(row.category) : 'Every category'),
      sortValue: (row) => row.category ?? '',
    },
    {
      key: 'awarded',
      header: 'Awarded',
      cell: (row) => money(row.balance.awardedCents),
      sortValue: (row) => row.balance.awardedCents,
    },
    {
      key: 'reserved',
      header: 'Reserved',
      cell: (row) => money(row.balance.reservedCents),
      sortValue: (row) => row.balance.reservedCents,
    },
    {
      key: 'charged',
      header: 'Charged',
      cell: (row) => money(row.balance.chargedCents),
      sortValue: (row) => row.balance.chargedCents,
    },
    {
      key: 'available',
      header: 'Available',
      cell: (row) => (
        <>
          {money(row.balance.availableCents)}{' '}
          <meter
            min={0}
            max={row.balance.awardedCents || 1}
            value={row.balance.availableCents}
            aria-label={`${nameOf(row.partnerId)}: available of awarded`}
          />
        </>
      ),
      sortValue: (row) => row.balance.availableCents,
    },
    {
      key: 'state',
      header: 'State',
      cell: (row) => budgetState(row),
      sortValue: (row) => budgetState(row),
    },
  ];

  return (
    <>
      {exhausted.map((budget) => (
        <div key={budget.id} className="notice warning" role="status">
          <strong>{nameOf(budget.partnerId)}&apos;s budget is exhausted</strong>: no new referral is
          routed to this partner until it is topped up.{' '}
          <Link to={`/budgets/${budget.id}`}>Top up the budget</Link>
        </div>
      ))}
      <h2>KPIs against targets</h2>
      <Loaded query={kpis} what="the KPIs">
        {(report) => (
          <>
            <dl className="figures">
              <Figure name="Referrals" value={report.referrals.submitted} />
              <Figure name="Accepted" value={report.referrals.accepted} />
              <Figure name="Completed" value={report.referrals.completed.total} />
              <Figure name="Unassignable" value={report.referrals.unassignable} />
              <Figure name="Offers re-routed" value={report.offers.rerouted} />
              <Figure name="Offers withdrawn" value={report.offers.withdrawn} />
              <Figure
                name="Median time to assign"
                value={duration(report.timeToAssignSeconds.p50)}
              />
              <Figure
                name="Median time to accept"
                value={duration(report.timeToAcceptSeconds.p50)}
              />
              <Figure name="Acceptance rate" value={percent(report.acceptanceRate)} />
              <Figure
                name="Cost per completed case"
                value={money(report.costPerCompletedCaseCents)}
              />
              <Figure
                name="Stuck now"
                value={stuck.data ? stuck.data.total : stuck.isError ? '—' : '…'}
              />
            </dl>
            {initiative.kpiTargets.length === 0 ? (
              <Empty>This initiative has no KPI targets.</Empty>
            ) : (
              <table className="table">
                <caption className="visually-hidden">KPI targets and where they stand</caption>
                <thead>
                  <tr>
                    <th scope="col">KPI</th>
                    <th scope="col">Target</th>
                    <th scope="col">Now</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {initiative.kpiTargets.map((target) => (
                    <TargetRow key={target.metric} target={target} kpis={report} />
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loaded>
      <p>
        <Link to="/stuck">See the stuck and unassignable referrals</Link>
      </p>
      <h2>Week by week</h2>
      <Loaded query={weekly} what="the weekly figures">
        {({ weeks }) => (
          <div className="charts">
            <WeeklyChart
              title="Average time to assign"
              weeks={weeks}
              series={[
                {
                  name: 'Time to assign',
                  value: (w) => w.timeToAssignAverageSeconds,
                  className: 'series-0',
                },
              ]}
              format={duration}
            />
            <WeeklyChart
              title="Average time to accept"
              weeks={weeks}
              series={[
                {
                  name: 'Time to accept',
                  value: (w) => w.timeToAcceptAverageSeconds,
                  className: 'series-0',
                },
              ]}
              format={duration}
            />
            <WeeklyChart
              title="Outcomes"
              weeks={weeks}
              series={[
                { name: 'Successful', value: (w) => w.completed.successful, className: 'series-1' },
                {
                  name: 'Unsuccessful',
                  value: (w) => w.completed.unsuccessful,
                  className: 'series-2',
                },
              ]}
              format={(value) => String(value)}
            />
            <WeeklyChart
              title="Acceptance rate"
              weeks={weeks}
              series={[
                { name: 'Acceptance rate', value: (w) => w.acceptanceRate, className: 'series-0' },
              ]}
              format={percent}
            />
            <WeeklyChart
              title="Cost per completed case"
              weeks={weeks}
              series={[
                {
                  name: 'Cost per completed case',
                  value: (w) => w.costPerCompletedCaseCents,
                  className: 'series-0',
                },
              ]}
              format={money}
            />
          </div>
        )}
      </Loaded>
      <h2>Budget use per partner</h2>
      <p className="hint">From funding&apos;s ledger, as it stands now.</p>
      <Loaded query={budgets} what="the budgets">
        {(rows) => (
          <DataTable
            caption="Budgets of the initiative"
            exportName="budgets"
            columns={budgetColumns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'partner', direction: 'ascending' }}
            empty={
              <>
                No budget for this initiative. <Link to="/funding">Open one</Link>.
              </>
            }
          />
        )}
      </Loaded>
      <h2>Agreements</h2>
      {ofInitiative.length === 0 ? (
        <Empty>No agreement under this initiative yet.</Empty>
      ) : (
        <ul className="plain">
          {ofInitiative.map((agreement) => (
            <li key={agreement.id}>
              <Link to={`/agreements/${agreement.id}`}>{nameOf(agreement.partnerId)}</Link>{' '}
              <StatusLabel status={agreement.status} />
              {agreement.statusReason ? ` — ${agreement.statusReason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const budgetState = (budget: Budget): string =>
  budget.exhausted ? 'Exhausted' : budget.thresholdReached ? 'Running low' : 'Funded';
