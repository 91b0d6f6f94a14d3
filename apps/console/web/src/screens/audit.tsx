import { FormEvent, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { get } from '../api';
import { AuditRecord } from '../admin-types';
import { DataTable } from '../components/data-table';
import { SelectField, TextField, Values } from '../components/form';
import { exactly } from '../components/labels';
import { Column } from '../components/sortable-table';
import { Loading, Problem } from '../components/states';
import { namer, useOrganisations } from '../directory';

const SERVICES = ['referrals', 'agreements', 'funding', 'notifications', 'insights'] as const;

type Key =
  'when' | 'who' | 'role' | 'organisation' | 'action' | 'object' | 'person' | 'outcome' | 'status';

const EMPTY: Values = {
  service: 'referrals',
  person: '',
  user: '',
  organization: '',
  action: '',
  outcome: '',
  from: '',
  to: '',
};

/** The filters as the audit API's query (dates as instants); only those given. */
function queryOf(filters: Values): string {
  const query = new URLSearchParams();
  for (const name of ['person', 'user', 'organization', 'action', 'outcome'] as const) {
    if (filters[name].trim()) query.set(name, filters[name].trim());
  }
  for (const name of ['from', 'to'] as const) {
    if (filters[name]) query.set(name, new Date(filters[name]).toISOString());
  }
  return query.toString();
}

/**
 * The audit trail of one service: who did or read what, when, and with what outcome. Filters
 * are the audit API's own; the export is the service's CSV of every matching record.
 */
export function AuditTrail() {
  const nameOf = namer(useOrganisations().data);
  const organisations = useOrganisations();
  const [draft, setDraft] = useState<Values>(EMPTY);
  const [filters, setFilters] = useState<Values>(EMPTY);
  const set = (name: string) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const field = { values: draft, errors: {}, set };
  const query = queryOf(filters);
  const records = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      get<{ items: AuditRecord[]; nextCursor: string | null }>(
        `/api/${filters.service}/audit-records?limit=200${query ? `&${query}` : ''}${pageParam ? `&after=${pageParam}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const columns: Column<AuditRecord, Key>[] = [
    {
      key: 'when',
      header: 'When',
      cell: (row) => exactly(row.occurredAt),
      sortValue: (row) => row.occurredAt,
    },
    {
      key: 'who',
      header: 'Who',
      cell: (row) => row.actorSubject ?? '—',
      sortValue: (row) => row.actorSubject ?? '',
    },
    {
      key: 'role',
      header: 'Role',
      cell: (row) => row.actorRole ?? '—',
      sortValue: (row) => row.actorRole ?? '',
    },
    {
      key: 'organisation',
      header: 'Organisation',
      cell: (row) => nameOf(row.actorOrganization),
      sortValue: (row) => nameOf(row.actorOrganization),
    },
    { key: 'action', header: 'What', cell: (row) => row.action, sortValue: (row) => row.action },
    {
      key: 'object',
      header: 'Object',
      cell: (row) => (row.objectId ? `${row.objectType ?? ''} ${row.objectId}` : '—'),
      sortValue: (row) => row.objectId ?? '',
    },
    {
      key: 'person',
      header: 'Person (referral)',
      cell: (row) => row.subjectRef ?? '—',
      sortValue: (row) => row.subjectRef ?? '',
    },
    {
      key: 'outcome',
      header: 'Outcome',
      cell: (row) => row.outcome,
      sortValue: (row) => row.outcome,
    },
    {
      key: 'status',
      header: 'HTTP',
      cell: (row) => row.httpStatus ?? '—',
      sortValue: (row) => row.httpStatus ?? 0,
    },
  ];
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const rows = records.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section>
      <h1>Audit trail</h1>
      <form className="filters audit-filters" onSubmit={search} aria-label="Audit filters">
        <SelectField
          {...field}
          name="service"
          label="Service"
          options={SERVICES.map((name) => [name, name] as const)}
        />
        <TextField {...field} name="person" label="Person (their referral's id)" />
        <TextField {...field} name="user" label="Who (user)" />
        <SelectField
          {...field}
          name="organization"
          label="Organisation"
          options={(organisations.data ?? []).map((one) => [one.id, one.name] as const)}
        />
        <TextField {...field} name="action" label="What (action, e.g. referral.read-person)" />
        <SelectField
          {...field}
          name="outcome"
          label="Outcome"
          options={['allowed', 'denied', 'failed']}
        />
        <TextField {...field} name="from" label="From" type="datetime-local" />
        <TextField {...field} name="to" label="To" type="datetime-local" />
        <div className="actions">
          <button type="submit" className="primary">
            Search the trail
          </button>
          <a
            className="button secondary"
            href={`/api/${filters.service}/audit-records/export${query ? `?${query}` : ''}`}
            download
          >
            Export the {filters.service} trail as CSV
          </a>
        </div>
      </form>
      {records.isPending ? (
        <Loading what="the audit trail" />
      ) : records.isError ? (
        <Problem error={records.error} />
      ) : (
        <>
          <DataTable
            caption="Audit records"
            exportName={`audit-${filters.service}-page`}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'when', direction: 'descending' }}
            empty="No audit record matches these filters."
          />
          {records.hasNextPage && (
            <button
              type="button"
              className="secondary"
              disabled={records.isFetchingNextPage}
              onClick={() => void records.fetchNextPage()}
            >
              Show older records
            </button>
          )}
        </>
      )}
    </section>
  );
}
