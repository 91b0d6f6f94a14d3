import { FormEvent, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { Loaded } from '../components/data-table';
import { SelectField, TextField, Values } from '../components/form';
import { Empty } from '../components/states';
import { money, namer, useFundingSources, useInitiatives, useOrganisations } from '../directory';
import { label } from '../vocabulary';

interface GrantReport {
  source: { id: string; name: string; funder: string; kind: string; awardCents: number };
  period: { from: string; to: string };
  awardedCents: number;
  allocatedCents: number;
  reservedCents: number;
  chargedCents: number;
  chargedBeforePeriodCents: number;
  remainingCents: number;
  casesCharged: number;
  byBudget: {
    budgetId: string;
    initiativeId: string;
    partnerId: string;
    category: string | null;
    costPerCaseCents: number;
    allocatedCents: number;
    reservedCents: number;
    chargedCents: number;
    chargedBeforePeriodCents: number;
    casesCharged: number;
  }[];
}

/** A funder's report per period: pick the source and the period, read it, print it. */
export function GrantReports() {
  const sources = useFundingSources();
  const [draft, setDraft] = useState<Values>({ sourceId: '', from: '', to: '' });
  const [chosen, setChosen] = useState<Values | null>(null);
  const set = (name: string) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const show = (event: FormEvent) => {
    event.preventDefault();
    if (draft.sourceId) setChosen(draft);
  };
  return (
    <section>
      <h1>Grant reports</h1>
      <form className="filters no-print" onSubmit={show} aria-label="Report period">
        <SelectField
          values={draft}
          errors={{}}
          set={set}
          name="sourceId"
          label="Funding source"
          options={(sources.data ?? []).map((one) => [one.id, one.name] as const)}
        />
        <TextField
          values={draft}
          errors={{}}
          set={set}
          name="from"
          label="From (optional)"
          type="date"
        />
        <TextField
          values={draft}
          errors={{}}
          set={set}
          name="to"
          label="To (optional, inclusive)"
          type="date"
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={!draft.sourceId}>
            Show report
          </button>
        </div>
      </form>
      {chosen ? (
        <Report chosen={chosen} />
      ) : (
        <Empty>Choose a funding source to see its report.</Empty>
      )}
    </section>
  );
}

function Report({ chosen }: { chosen: Values }) {
  const nameOf = namer(useOrganisations().data);
  const initiativeOf = namer(useInitiatives().data);
  const query = new URLSearchParams();
  if (chosen.from) query.set('from', chosen.from);
  if (chosen.to) query.set('to', chosen.to);
  const path = `/api/funding/funding-sources/${chosen.sourceId}/report`;
  const report = useQuery({
    queryKey: ['grant-report', chosen],
    queryFn: () => get<GrantReport>(`${path}?${query.toString()}`),
  });
  return (
    <Loaded query={report} what="the grant report">
      {(view) => (
        <article className="report" aria-label={`Grant report: ${view.source.name}`}>
          <h2>
            {view.source.name} — {view.period.from} to {view.period.to}
          </h2>
          <p>
            Funder: {view.source.funder} ({label(view.source.kind)})
          </p>
          <dl className="figures">
            <div className="figure">
              <dt>Awarded</dt>
              <dd>{money(view.awardedCents)}</dd>
            </div>
            <div className="figure">
              <dt>Allocated to budgets</dt>
              <dd>{money(view.allocatedCents)}</dd>
            </div>
            <div className="figure">
              <dt>Charged in the period</dt>
              <dd>{money(view.chargedCents)}</dd>
            </div>
            <div className="figure">
              <dt>Charged before</dt>
              <dd>{money(view.chargedBeforePeriodCents)}</dd>
            </div>
            <div className="figure">
              <dt>Held for open offers</dt>
              <dd>{money(view.reservedCents)}</dd>
            </div>
            <div className="figure">
              <dt>Remaining</dt>
              <dd>{money(view.remainingCents)}</dd>
            </div>
            <div className="figure">
              <dt>Cases charged</dt>
              <dd>{view.casesCharged}</dd>
            </div>
          </dl>
          <table className="table">
            <caption>By budget</caption>
            <thead>
              <tr>
                <th scope="col">Initiative</th>
                <th scope="col">Partner</th>
                <th scope="col">Category</th>
                <th scope="col">Cost per case</th>
                <th scope="col">Allocated</th>
                <th scope="col">Charged</th>
                <th scope="col">Held</th>
                <th scope="col">Cases</th>
              </tr>
            </thead>
            <tbody>
              {view.byBudget.map((line) => (
                <tr key={line.budgetId}>
                  <td data-label="Initiative">{initiativeOf(line.initiativeId)}</td>
                  <td data-label="Partner">{nameOf(line.partnerId)}</td>
                  <td data-label="Category">
                    {line.category ? label(line.category) : 'Every category'}
                  </td>
                  <td data-label="Cost per case">{money(line.costPerCaseCents)}</td>
                  <td data-label="Allocated">{money(line.allocatedCents)}</td>
                  <td data-label="Charged">{money(line.chargedCents)}</td>
                  <td data-label="Held">{money(line.reservedCents)}</td>
                  <td data-label="Cases">{line.casesCharged}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions no-print">
            <button type="button" className="primary" onClick={() => window.print()}>
              Print
            </button>
            <a
              className="button secondary"
              href={`${path}?${query.toString()}${query.size ? '&' : ''}format=csv`}
              download
            >
              Download as CSV
            </a>
          </div>
        </article>
      )}
    </Loaded>
  );
}
