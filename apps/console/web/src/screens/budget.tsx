import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get, post } from '../api';
import { Budget, LedgerEntry } from '../admin-types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable, Loaded } from '../components/data-table';
import { exactly } from '../components/labels';
import { Column } from '../components/sortable-table';
import { money, namer, useFundingSources, useOrganisations } from '../directory';
import { label } from '../vocabulary';
import { budgetState } from './dashboard';
import { centsOf } from './funding';

type Key = 'entry' | 'when' | 'kind' | 'amount' | 'referral' | 'source' | 'by';

/** One budget: its balance, a top-up, and every ledger entry. */
export function BudgetScreen() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const nameOf = namer(useOrganisations().data);
  const sources = useFundingSources();
  const sourceOf = namer(sources.data);
  const budget = useQuery({
    queryKey: ['budgets', 'one', id],
    queryFn: () => get<Budget>(`/api/funding/budgets/${id}`),
  });
  const ledger = useQuery({
    queryKey: ['budgets', 'ledger', id],
    queryFn: () => get<LedgerEntry[]>(`/api/funding/budgets/${id}/ledger`),
  });
  const [topping, setTopping] = useState(false);
  const [sourceId, setSourceId] = useState('');
  const [amount, setAmount] = useState('');
  const [done, setDone] = useState('');

  const columns: Column<LedgerEntry, Key>[] = [
    { key: 'entry', header: 'Entry', cell: (row) => row.id, sortValue: (row) => Number(row.id) },
    {
      key: 'when',
      header: 'When',
      cell: (row) => exactly(row.createdAt),
      sortValue: (row) => row.createdAt,
    },
    { key: 'kind', header: 'Kind', cell: (row) => label(row.kind), sortValue: (row) => row.kind },
    {
      key: 'amount',
      header: 'Amount',
      cell: (row) => money(row.amountCents),
      sortValue: (row) => row.amountCents,
    },
    {
      key: 'referral',
      header: 'Referral',
      cell: (row) =>
        row.referralId ? (
          <Link to={`/referrals/${row.referralId}`}>{row.referralId.slice(0, 8)}</Link>
        ) : (
          '—'
        ),
      sortValue: (row) => row.referralId ?? '',
    },
    {
      key: 'source',
      header: 'Source',
      cell: (row) => (row.sourceId ? sourceOf(row.sourceId) : '—'),
      sortValue: (row) => row.sourceId ?? '',
    },
    {
      key: 'by',
      header: 'Recorded by',
      cell: (row) => row.recordedBy ?? 'Concord',
      sortValue: (row) => row.recordedBy ?? '',
    },
  ];

  const topUp = async () => {
    await post(`/api/funding/budgets/${id}/allocations`, {
      sourceId,
      amountCents: centsOf(amount),
    });
    setDone(`Topped up by ${money(centsOf(amount))}.`);
    await client.invalidateQueries({ queryKey: ['budgets'] });
    await client.invalidateQueries({ queryKey: ['funding-sources'] });
  };

  return (
    <section>
      <p>
        <Link to="/funding">All funding</Link>
      </p>
      <Loaded query={budget} what="the budget">
        {(view) => (
          <>
            <h1>Budget of {nameOf(view.partnerId)}</h1>
            {done && (
              <p className="notice" role="status">
                {done}
              </p>
            )}
            <dl className="figures">
              <div className="figure">
                <dt>State</dt>
                <dd>{budgetState(view)}</dd>
              </div>
              <div className="figure">
                <dt>Awarded</dt>
                <dd>{money(view.balance.awardedCents)}</dd>
              </div>
              <div className="figure">
                <dt>Reserved</dt>
                <dd>{money(view.balance.reservedCents)}</dd>
              </div>
              <div className="figure">
                <dt>Charged</dt>
                <dd>{money(view.balance.chargedCents)}</dd>
              </div>
              <div className="figure">
                <dt>Available</dt>
                <dd>{money(view.balance.availableCents)}</dd>
              </div>
              <div className="figure">
                <dt>Cases covered</dt>
                <dd>{view.balance.casesCovered}</dd>
              </div>
              <div className="figure">
                <dt>Cost per case</dt>
                <dd>{money(view.costPerCaseCents)}</dd>
              </div>
            </dl>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setSourceId('');
                setAmount('');
                setTopping(true);
              }}
            >
              Top up
            </button>
          </>
        )}
      </Loaded>
      <h2>Ledger</h2>
      <Loaded query={ledger} what="the ledger">
        {(rows) => (
          <DataTable
            caption="Ledger entries"
            exportName={`ledger-${id}`}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'entry', direction: 'descending' }}
            empty="The ledger is empty."
          />
        )}
      </Loaded>
      <ConfirmDialog
        title="Top up budget"
        open={topping}
        onClose={() => setTopping(false)}
        onConfirm={topUp}
        ready={sourceId !== '' && !Number.isNaN(centsOf(amount)) && centsOf(amount) > 0}
      >
        <div className="field">
          <label htmlFor="top-up-source">Paid from</label>
          <select
            id="top-up-source"
            value={sourceId}
            onChange={(event) => setSourceId(event.target.value)}
          >
            <option value="">Choose…</option>
            {sources.data?.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name} ({money(source.unallocatedCents)} left)
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="top-up-amount">Amount (USD)</label>
          <input
            id="top-up-amount"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        </div>
        <p className="hint">Money allocated to a budget is not taken back.</p>
      </ConfirmDialog>
    </section>
  );
}
