import { Link } from 'react-router';
import { Organisation } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
import { when } from '../components/labels';
import { Column } from '../components/sortable-table';
import { useOrganisations } from '../directory';
import { AreaMap } from '../map/area-map';
import { label } from '../vocabulary';

type Key = 'name' | 'type' | 'services' | 'capacity' | 'updated';

const servicesText = (row: Organisation) =>
  row.services.map((service) => `${service.name} (${label(service.category)})`).join('; ') ||
  'none';

const COLUMNS: Column<Organisation, Key>[] = [
  {
    key: 'name',
    header: 'Organisation',
    cell: (row) => <Link to={`/organisations/${row.id}`}>{row.name}</Link>,
    sortValue: (row) => row.name.toLowerCase(),
    text: (row) => row.name,
  },
  { key: 'type', header: 'Type', cell: (row) => label(row.type), sortValue: (row) => row.type },
  { key: 'services', header: 'Services', cell: servicesText, text: servicesText },
  {
    key: 'capacity',
    header: 'Capacity',
    cell: (row) => row.services.reduce((sum, service) => sum + service.capacity, 0),
    sortValue: (row) => row.services.reduce((sum, service) => sum + service.capacity, 0),
  },
  {
    key: 'updated',
    header: 'Updated',
    cell: (row) => when(row.updatedAt),
    sortValue: (row) => row.updatedAt,
  },
];

/** Every organisation of the programme, and their services' areas on the map. */
export function Organisations() {
  const organisations = useOrganisations();
  return (
    <section>
      <div className="heading-row">
        <h1>Organisations</h1>
        <Link className="button primary" to="/organisations/new">
          New organisation
        </Link>
      </div>
      <Loaded query={organisations} what="the organisations">
        {(rows) => (
          <div className="map-layout">
            <AreaMap
              name="Map of every service area"
              areas={rows.flatMap((organisation, index) =>
                organisation.services.map((service) => ({
                  key: service.id,
                  label: `${organisation.name}: ${service.name}`,
                  area: service.area,
                  colour: index,
                })),
              )}
              cells={[]}
              legend={[]}
            />
            <DataTable
              caption="Organisations"
              exportName="organisations"
              columns={COLUMNS}
              rows={rows}
              rowKey={(row) => row.id}
              initialSort={{ key: 'name', direction: 'ascending' }}
              empty="No organisation yet."
            />
          </div>
        )}
      </Loaded>
    </section>
  );
}
