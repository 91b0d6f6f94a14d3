import { KeyboardEvent, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { get } from '../api';
import { Countdown } from '../components/countdown';
import { StatusLabel, urgencyRank, UrgencyLabel, when } from '../components/labels';
import { Column, SortableTable, SortState } from '../components/sortable-table';
import { Empty, Loading, NotForRole, Problem } from '../components/states';
import { useSession } from '../session';
import { Page, PartnerReferral, StatusCounts } from '../types';
import { label, REFERRAL_CATEGORIES, URGENCIES } from '../vocabulary';

const TABS = [
  { status: 'offered', label: 'Offered' },
  { status: 'accepted', label: 'Accepted' },
  { status: 'in-progress', label: 'In progress' },
  { status: 'completed', label: 'Completed' },
] as const;
type TabStatus = (typeof TABS)[number]['status'];

/** A queue shows at most this many referrals per tab (ten pages of the API's largest page). */
const QUEUE_LIMIT = 1000;

type SortKey = 'received' | 'category' | 'urgency' | 'deadline' | 'status';

interface Filters {
  category: string;
  urgency: string;
}

const filterQuery = (filters: Filters): string =>
  [
    filters.category && `category=${encodeURIComponent(filters.category)}`,
    filters.urgency && `urgency=${encodeURIComponent(filters.urgency)}`,
  ]
    .filter(Boolean)
    .join('&');

/** Every offer of one status, newest first, page after page. */
async function readQueue(status: TabStatus, filters: Filters): Promise<PartnerReferral[]> {
  const items: PartnerReferral[] = [];
  let after: string | null = null;
  do {
    const query = [`status=${status}`, 'limit=100', filterQuery(filters), after && `after=${after}`]
      .filter(Boolean)
      .join('&');
    const page: Page<PartnerReferral> = await get(`/api/referrals/referrals?${query}`);
    items.push(...page.items);
    after = page.nextCursor;
  } while (after && items.length < QUEUE_LIMIT);
  return items;
}

function columnsFor(status: TabStatus): Column<PartnerReferral, SortKey>[] {
  const columns: Column<PartnerReferral, SortKey>[] = [
    {
      key: 'received',
      header: 'Received',
      cell: (row) => (
        <Link
          to={`/referrals/${row.id}`}
          aria-label={`${label(row.category)} referral received ${when(row.offer.offeredAt)}`}
        >
          {when(row.offer.offeredAt)}
        </Link>
      ),
      sortValue: (row) => row.offer.offeredAt,
    },
    {
      key: 'category',
      header: 'Category',
      cell: (row) => label(row.category),
      sortValue: (row) => row.category,
    },
    {
      key: 'urgency',
      header: 'Urgency',
      cell: (row) => <UrgencyLabel urgency={row.urgency} />,
      sortValue: (row) => urgencyRank(row.urgency),
    },
  ];
  if (status === 'offered') {
    columns.push({
      key: 'deadline',
      header: 'Accept within',
      cell: (row) => <Countdown until={row.offer.acceptBy} />,
      sortValue: (row) => row.offer.acceptBy,
    });
  } else {
    columns.push({
      key: 'status',
      header: 'Status',
      cell: (row) => <StatusLabel status={row.status} />,
    });
  }
  return columns;
}

/** The partner's referral queue: tabs by the offer's status, live, with a countdown per offer. */
export function Queue() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((candidate) => candidate.status === params.get('tab'))?.status ??
    'offered') as TabStatus;
  const filters: Filters = {
    category: params.get('category') ?? '',
    urgency: params.get('urgency') ?? '',
  };
  const [sort, setSort] = useState<SortState<SortKey>>({
    key: 'received',
    direction: 'descending',
  });
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const categoryId = useId();
  const urgencyId = useId();
  const role = session.data?.signedIn ? session.data.role : undefined;

  const counts = useQuery({
    queryKey: ['counts', 'queue', filters],
    queryFn: () => get<StatusCounts>(`/api/referrals/referrals/counts?${filterQuery(filters)}`),
    enabled: role === 'partner',
  });
  const queue = useQuery({
    queryKey: ['referrals', 'queue', tab, filters],
    queryFn: () => readQueue(tab, filters),
    enabled: role === 'partner',
  });

  if (role !== undefined && role !== 'partner')
    return <NotForRole what="the partner queue" role={role} />;

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    update({ tab: TABS[next].status });
    tabRefs.current[next]?.focus();
  };

  return (
    <section>
      <h1>Referral queue</h1>
      <div className="filters" role="group" aria-label="Filter the queue">
        <div className="field">
          <label htmlFor={categoryId}>Category</label>
          <select
            id={categoryId}
            value={filters.category}
            onChange={(event) => update({ category: event.target.value })}
          >
            <option value="">All categories</option>
            {REFERRAL_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {label(category)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={urgencyId}>Urgency</label>
          <select
            id={urgencyId}
            value={filters.urgency}
            onChange={(event) => update({ urgency: event.target.value })}
          >
            <option value="">All urgencies</option>
            {URGENCIES.map((urgency) => (
              <option key={urgency} value={urgency}>
                {label(urgency)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div role="tablist" aria-label="Referrals by status" className="tabs">
        {TABS.map((candidate, index) => {
          const selected = candidate.status === tab;
          const count = counts.data?.byStatus[candidate.status] ?? 0;
          return (
            <button
              key={candidate.status}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`tab-${candidate.status}`}
              aria-selected={selected}
              aria-controls="queue-panel"
              tabIndex={selected ? 0 : -1}
              onClick={() => update({ tab: candidate.status })}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {candidate.label} <span className="badge">{counts.isSuccess ? count : '…'}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id="queue-panel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {queue.isPending ? (
          <Loading what="the queue" />
        ) : queue.isError ? (
          <Problem error={queue.error} />
        ) : queue.data.length === 0 ? (
          <Empty>
            No {TABS.find((candidate) => candidate.status === tab)?.label.toLowerCase()} referrals
            {filterQuery(filters) ? ' match these filters' : ''}.
          </Empty>
        ) : (
          <SortableTable
            caption={`${TABS.find((candidate) => candidate.status === tab)?.label} referrals`}
            columns={columnsFor(tab)}
            rows={queue.data}
            rowKey={(row) => row.id}
            sort={sort}
            onSort={setSort}
          />
        )}
      </div>
    </section>
  );
}
