import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../api';
import { StatusLabel, urgencyRank, UrgencyLabel, when } from '../components/labels';
import { Column, SortableTable, SortState } from '../components/sortable-table';
import { Empty, Loading, NotForRole, Problem } from '../components/states';
import { useSession } from '../session';
import { DispatchReferral, Page } from '../types';
import { label } from '../vocabulary';

type SortKey = 'submitted' | 'incident' | 'category' | 'urgency' | 'status';

const COLUMNS: Column<DispatchReferral, SortKey>[] = [
  {
    key: 'submitted',
    header: 'Submitted',
    cell: (row) => when(row.submittedAt),
    sortValue: (row) => row.submittedAt,
  },
  {
    key: 'incident',
    header: 'Incident',
    cell: (row) => <Link to={`/referrals/${row.id}`}>{row.incidentReference}</Link>,
    sortValue: (row) => row.incidentReference,
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
  {
    key: 'status',
    header: 'Status',
    cell: (row) => <StatusLabel status={row.status} />,
    sortValue: (row) => row.status,
  },
];

/** The agency's referrals (all of them, for an administrator), newest first, live. */
export function Referrals() {
  const session = useSession();
  const role = session.data?.signedIn ? session.data.role : undefined;
  const [sort, setSort] = useState<SortState<SortKey>>({
    key: 'submitted',
    direction: 'descending',
  });
  const referrals = useQuery({
    queryKey: ['referrals', 'list'],
    queryFn: () => get<Page<DispatchReferral>>('/api/referrals/referrals?limit=100'),
    enabled: role === 'dispatcher' || role === 'admin',
  });
  if (role !== undefined && role !== 'dispatcher' && role !== 'admin') {
    return <NotForRole what="the referrals list" role={role} />;
  }
  return (
    <section>
      <div className="heading-row">
        <h1>Referrals</h1>
        {role === 'dispatcher' && (
          <Link className="button primary" to="/referrals/new">
            New referral
          </Link>
        )}
      </div>
      {referrals.isPending ? (
        <Loading what="the referrals" />
      ) : referrals.isError ? (
        <Problem error={referrals.error} />
      ) : referrals.data.items.length === 0 ? (
        <Empty>No referrals yet.</Empty>
      ) : (
        <SortableTable
          caption="Referrals, newest first"
          columns={COLUMNS}
          rows={referrals.data.items}
          rowKey={(row) => row.id}
          sort={sort}
          onSort={setSort}
        />
      )}
    </section>
  );
}
