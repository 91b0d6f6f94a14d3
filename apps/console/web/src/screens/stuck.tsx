import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, post } from '../api';
import { FullDecision, StuckReferral } from '../admin-types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable, Loaded } from '../components/data-table';
import { exactly, UrgencyLabel, urgencyRank, when } from '../components/labels';
import { Column } from '../components/sortable-table';
import { duration, namer, useOrganisations } from '../directory';
import { label } from '../vocabulary';

type UnassignableKey = 'since' | 'referral' | 'category' | 'urgency' | 'partner' | 'actions';
type Key = 'referral' | 'category' | 'urgency' | 'state' | 'rule' | 'partner' | 'overdue';

/** Why each partner was ruled out in the latest run of the engine (the full trace). */
function RuledOut({ referralId }: { referralId: string }) {
  const decisions = useQuery({
    queryKey: ['decisions', referralId],
    queryFn: () => get<FullDecision[]>(`/api/referrals/referrals/${referralId}/decisions`),
  });
  return (
    <Loaded query={decisions} what="the assignment decisions">
      {(runs) => {
        const latest = runs[runs.length - 1];
        if (!latest) return <p>The engine has not run for this referral yet.</p>;
        return (
          <div>
            <p>
              Latest run {exactly(latest.decidedAt)}: {label(latest.result)}.
            </p>
            <ul className="plain ruled-out">
              {latest.trace.map((entry) => (
                <li key={entry.partnerId}>
                  <strong>{entry.name}</strong>:{' '}
                  {entry.eligible
                    ? `eligible, ranked ${entry.rank ?? '—'}`
                    : `ruled out: ${entry.reasons.map(label).join(', ')}`}
                </li>
              ))}
            </ul>
          </div>
        );
      }}
    </Loaded>
  );
}

/** The steps an administrator may take with a referral that is going nowhere. */
function Actions(props: {
  referralId: string;
  open: string | null;
  setOpen: (referralId: string | null) => void;
  act: (kind: 'retry' | 'cancel', referralId: string) => void;
}) {
  const { referralId, open, setOpen, act } = props;
  const short = referralId.slice(0, 8);
  return (
    <>
      <div className="row-actions">
        <button
          type="button"
          className="secondary"
          aria-expanded={open === referralId}
          onClick={() => setOpen(open === referralId ? null : referralId)}
        >
          Why partners were ruled out<span className="visually-hidden"> for {short}</span>
        </button>
        <button type="button" className="secondary" onClick={() => act('retry', referralId)}>
          Retry assignment<span className="visually-hidden"> of {short}</span>
        </button>
        <button type="button" className="danger" onClick={() => act('cancel', referralId)}>
          Cancel<span className="visually-hidden"> referral {short}</span>
        </button>
      </div>
      {open === referralId && <RuledOut referralId={referralId} />}
    </>
  );
}

/** Referrals whose state has lasted too long, the reasons, and what an administrator may do. */
export function StuckReferrals() {
  const client = useQueryClient();
  const stuck = useQuery({
    queryKey: ['stuck', 'all'],
    queryFn: () =>
      get<{ total: number; referrals: StuckReferral[] }>(
        '/api/insights/referrals/stuck?limit=1000',
      ),
  });
  const organisations = useOrganisations();
  const nameOf = namer(organisations.data);
  const [open, setOpen] = useState<string | null>(null);
  const [action, setAction] = useState<{ kind: 'retry' | 'cancel'; referralId: string } | null>(
    null,
  );
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const act = (kind: 'retry' | 'cancel', referralId: string) => {
    setReason('');
    setAction({ kind, referralId });
  };
  // From insights, like the stuck list: no personal data is read to show these.
  const unassignable = useQuery({
    queryKey: ['stuck', 'unassignable'],
    queryFn: () =>
      get<{ referrals: StuckReferral[] }>(
        '/api/insights/referrals/stuck?state=unassignable&overdueOnly=false&limit=1000',
      ),
  });
  const unassignableColumns: Column<StuckReferral, UnassignableKey>[] = [
    {
      key: 'since',
      header: 'Unassignable since',
      cell: (row) => when(row.since),
      sortValue: (row) => row.since,
    },
    {
      key: 'referral',
      header: 'Referral',
      cell: (row) => <Link to={`/referrals/${row.referralId}`}>{row.referralId.slice(0, 8)}</Link>,
      sortValue: (row) => row.referralId,
    },
    {
      key: 'category',
      header: 'Category',
      cell: (row) => (row.category ? label(row.category) : '—'),
      sortValue: (row) => row.category ?? '',
    },
    {
      key: 'urgency',
      header: 'Urgency',
      cell: (row) => (row.urgency ? <UrgencyLabel urgency={row.urgency} /> : '—'),
      sortValue: (row) => urgencyRank(row.urgency ?? ''),
      text: (row) => row.urgency,
    },
    {
      key: 'partner',
      header: 'Last offered to',
      cell: (row) => nameOf(row.partnerId),
      sortValue: (row) => nameOf(row.partnerId),
    },
    {
      key: 'actions',
      header: 'What to do',
      cell: (row) => (
        <Actions referralId={row.referralId} open={open} setOpen={setOpen} act={act} />
      ),
    },
  ];
  const columns: Column<StuckReferral, Key>[] = [
    {
      key: 'referral',
      header: 'Referral',
      cell: (row) => <Link to={`/referrals/${row.referralId}`}>{row.referralId.slice(0, 8)}</Link>,
      sortValue: (row) => row.referralId,
    },
    {
      key: 'category',
      header: 'Category',
      cell: (row) => (row.category ? label(row.category) : '—'),
      sortValue: (row) => row.category ?? '',
    },
    {
      key: 'urgency',
      header: 'Urgency',
      cell: (row) => (row.urgency ? <UrgencyLabel urgency={row.urgency} /> : '—'),
      sortValue: (row) => urgencyRank(row.urgency ?? ''),
      text: (row) => row.urgency,
    },
    {
      key: 'state',
      header: 'State',
      cell: (row) => label(row.state),
      sortValue: (row) => row.state,
    },
    {
      key: 'rule',
      header: 'Why it is stuck',
      cell: (row) => label(row.rule),
      sortValue: (row) => row.rule,
    },
    {
      key: 'partner',
      header: 'Last offered to',
      cell: (row) => nameOf(row.partnerId),
      sortValue: (row) => nameOf(row.partnerId),
    },
    {
      key: 'overdue',
      header: 'Overdue by',
      cell: (row) => (
        <>
          {duration(row.overdueSeconds)}
          <Actions referralId={row.referralId} open={open} setOpen={setOpen} act={act} />
        </>
      ),
      sortValue: (row) => row.overdueSeconds,
    },
  ];

  const run = async () => {
    if (!action) return;
    const path = `/api/referrals/referrals/${action.referralId}`;
    if (action.kind === 'retry') await post(`${path}/retry-assignment`);
    else await post(`${path}/cancel`, { reason: reason.trim() });
    setDone(
      action.kind === 'retry'
        ? `The engine runs again for referral ${action.referralId.slice(0, 8)}.`
        : `Referral ${action.referralId.slice(0, 8)} is cancelled.`,
    );
    await client.invalidateQueries({ queryKey: ['stuck'] });
    await client.invalidateQueries({ queryKey: ['decisions', action.referralId] });
  };

  return (
    <section>
      <h1>Stuck and unassignable referrals</h1>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <h2>Unassignable now</h2>
      <p className="hint">The engine found no eligible partner the last time it ran.</p>
      <Loaded query={unassignable} what="the unassignable referrals">
        {(view) => (
          <DataTable
            caption="Unassignable referrals"
            exportName="unassignable-referrals"
            columns={unassignableColumns}
            rows={view.referrals}
            rowKey={(row) => row.referralId}
            initialSort={{ key: 'since', direction: 'descending' }}
            empty="No referral is unassignable."
          />
        )}
      </Loaded>
      <h2>Stuck</h2>
      <p className="hint">Referrals whose current state has lasted longer than its rule allows.</p>
      <Loaded query={stuck} what="the stuck referrals">
        {(view) => (
          <>
            <p>
              {view.total} referral{view.total === 1 ? '' : 's'} stuck.
            </p>
            <DataTable
              caption="Stuck referrals"
              exportName="stuck-referrals"
              columns={columns}
              rows={view.referrals}
              rowKey={(row) => row.referralId}
              initialSort={{ key: 'overdue', direction: 'descending' }}
              empty="Nothing is stuck: every referral is within its time."
            />
          </>
        )}
      </Loaded>
      <ConfirmDialog
        title={action?.kind === 'cancel' ? 'Cancel referral' : 'Retry assignment'}
        destructive={action?.kind === 'cancel'}
        open={action !== null}
        onClose={() => setAction(null)}
        onConfirm={run}
        ready={action?.kind !== 'cancel' || reason.trim().length > 0}
      >
        {action?.kind === 'cancel' ? (
          <div className="field">
            <label htmlFor="stuck-cancel-reason">Why it is cancelled</label>
            <textarea
              id="stuck-cancel-reason"
              value={reason}
              maxLength={2000}
              onChange={(event) => setReason(event.target.value)}
            />
            <p className="hint">Cancelling cannot be undone; the partner holding it is told.</p>
          </div>
        ) : (
          <p>The engine ranks the partners again now, with today&apos;s agreements and budgets.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
