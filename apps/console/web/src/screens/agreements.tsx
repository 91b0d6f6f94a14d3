import { Link } from 'react-router';
import { Agreement } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
import { StatusLabel, when } from '../components/labels';
import { Column } from '../components/sortable-table';
import { namer, useAgreements, useInitiatives, useOrganisations } from '../directory';
import { label } from '../vocabulary';

type Key = 'partner' | 'initiative' | 'categories' | 'status' | 'version' | 'from' | 'to';

/** Every agreement of the programme, its status and terms. */
export function Agreements() {
  const agreements = useAgreements();
  const nameOf = namer(useOrganisations().data);
  const initiativeOf = namer(useInitiatives().data);
  const columns: Column<Agreement, Key>[] = [
    {
      key: 'partner',
      header: 'Partner',
      cell: (row) => <Link to={`/agreements/${row.id}`}>{nameOf(row.partnerId)}</Link>,
      sortValue: (row) => nameOf(row.partnerId),
    },
    {
      key: 'initiative',
      header: 'Initiative',
      cell: (row) => initiativeOf(row.initiativeId),
      sortValue: (row) => initiativeOf(row.initiativeId),
    },
    {
      key: 'categories',
      header: 'Categories',
      cell: (row) => row.categories.map(label).join(', '),
      text: (row) => row.categories.join('; '),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (row) => <StatusLabel status={row.status} />,
      sortValue: (row) => row.status,
    },
    {
      key: 'version',
      header: 'Version',
      cell: (row) => row.version,
      sortValue: (row) => row.version,
    },
    {
      key: 'from',
      header: 'In force from',
      cell: (row) => when(row.effectiveFrom),
      sortValue: (row) => row.effectiveFrom,
    },
    {
      key: 'to',
      header: 'Until',
      cell: (row) => (row.effectiveTo ? when(row.effectiveTo) : 'open-ended'),
      sortValue: (row) => row.effectiveTo ?? '9999',
    },
  ];
  return (
    <section>
      <div className="heading-row">
        <h1>Agreements</h1>
        <Link className="button primary" to="/agreements/new">
          New agreement
        </Link>
      </div>
      <Loaded query={agreements} what="the agreements">
        {(rows) => (
          <DataTable
            caption="Agreements"
            exportName="agreements"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            initialSort={{ key: 'partner', direction: 'ascending' }}
            empty="No agreement yet."
          />
        )}
      </Loaded>
    </section>
  );
}
