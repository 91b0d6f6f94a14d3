import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { AreaFigures } from '../admin-types';
import { DataTable, Loaded } from '../components/data-table';
import { Column } from '../components/sortable-table';
import { namer, useInitiatives, useOrganisations } from '../directory';
import { AreaMap, LegendEntry, MapArea, MapCell } from '../map/area-map';
import { label } from '../vocabulary';

type Colouring = 'volume' | 'status';

/** Five steps of volume; a cell's step is its share of the busiest cell's referrals. */
const volumeStep = (count: number, most: number): number =>
  most === 0 ? 1 : Math.max(1, Math.ceil((count / most) * 5));

/** What stands out in a cell: none could be assigned, some still open, or every one closed. */
function statusOf(area: AreaFigures): 'unassignable' | 'open' | 'closed' {
  if (area.unassignable > 0) return 'unassignable';
  return area.completed + area.cancelled < area.submitted ? 'open' : 'closed';
}

const STATUS_TEXT = {
  unassignable: 'Some could not be assigned',
  open: 'Some still open',
  closed: 'All completed or cancelled',
} as const;

type Key = 'area' | 'submitted' | 'accepted' | 'completed' | 'unassignable' | 'cancelled' | 'by';

/** Partners' service areas and referrals by area code, with the same figures as a table. */
export function ProgrammeMap() {
  const [initiativeId, setInitiativeId] = useState('');
  const [colouring, setColouring] = useState<Colouring>('volume');
  const organisations = useOrganisations();
  const initiatives = useInitiatives();
  const figures = useQuery({
    queryKey: ['kpis', 'by-area', initiativeId],
    queryFn: () =>
      get<{ areas: AreaFigures[] }>(
        `/api/insights/kpis/by-area${initiativeId ? `?initiativeId=${initiativeId}` : ''}`,
      ),
  });
  const nameOf = namer(organisations.data);
  const initiative = initiatives.data?.find((candidate) => candidate.id === initiativeId);
  const partners = (organisations.data ?? []).filter(
    (organisation) =>
      organisation.services.length > 0 &&
      (!initiative || initiative.partnerIds.includes(organisation.id)),
  );
  const areas: MapArea[] = partners.flatMap((organisation, index) =>
    organisation.services.map((service) => ({
      key: service.id,
      label: `${organisation.name}: ${service.name} (${label(service.category)})`,
      area: service.area,
      colour: index,
    })),
  );
  const carriersText = (area: AreaFigures) =>
    area.carriers
      .map(
        (carrier) =>
          `${nameOf(carrier.partnerId)} (agreement ${carrier.agreementId.slice(0, 8)}, ${carrier.offered} offered)`,
      )
      .join('; ') || 'none';
  const columns: Column<AreaFigures, Key>[] = [
    {
      key: 'area',
      header: 'Area code',
      cell: (row) => <code>{row.areaCode}</code>,
      sortValue: (row) => row.areaCode,
    },
    {
      key: 'submitted',
      header: 'Referrals',
      cell: (row) => row.submitted,
      sortValue: (row) => row.submitted,
    },
    {
      key: 'accepted',
      header: 'Accepted',
      cell: (row) => row.accepted,
      sortValue: (row) => row.accepted,
    },
    {
      key: 'completed',
      header: 'Completed',
      cell: (row) => row.completed,
      sortValue: (row) => row.completed,
    },
    {
      key: 'unassignable',
      header: 'Unassignable',
      cell: (row) => row.unassignable,
      sortValue: (row) => row.unassignable,
    },
    {
      key: 'cancelled',
      header: 'Cancelled',
      cell: (row) => row.cancelled,
      sortValue: (row) => row.cancelled,
    },
    { key: 'by', header: 'Carried by', cell: carriersText, text: carriersText },
  ];

  return (
    <section>
      <h1>Map</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="map-initiative">Initiative</label>
          <select
            id="map-initiative"
            value={initiativeId}
            onChange={(event) => setInitiativeId(event.target.value)}
          >
            <option value="">Every initiative</option>
            {initiatives.data?.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="inline">
          <legend>Colour the cells by</legend>
          {(['volume', 'status'] as const).map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name="colouring"
                value={choice}
                checked={colouring === choice}
                onChange={() => setColouring(choice)}
              />{' '}
              {choice === 'volume' ? 'Volume' : 'Status'}
            </label>
          ))}
        </fieldset>
      </div>
      {initiativeId && (
        <p className="hint">
          The initiative narrows the partners&apos; areas and who carried each referral; the counts
          of each area are the whole programme&apos;s.
        </p>
      )}
      <Loaded query={figures} what="the referrals by area">
        {({ areas: cells }) => {
          const most = Math.max(0, ...cells.map((cell) => cell.submitted));
          const mapCells: MapCell[] = cells.map((cell) => ({
            areaCode: cell.areaCode,
            label: `Area ${cell.areaCode}: ${cell.submitted} referrals, ${cell.completed} completed, ${cell.unassignable} unassignable; carried by ${carriersText(cell)}`,
            fill:
              colouring === 'volume'
                ? `volume-${volumeStep(cell.submitted, most)}`
                : `state-${statusOf(cell)}`,
          }));
          const legend: LegendEntry[] = [
            ...partners.map((organisation, index) => ({
              swatch: `partner-${index % 6}`,
              text: `${organisation.name}'s service area`,
            })),
            ...(colouring === 'volume'
              ? [1, 3, 5].map((step) => ({
                  swatch: `volume-${step}`,
                  text: `${step === 1 ? 'Fewest' : step === 3 ? 'Some' : 'Most'} referrals (up to ${Math.ceil((most * step) / 5)})`,
                }))
              : (['unassignable', 'open', 'closed'] as const).map((state) => ({
                  swatch: `state-${state}`,
                  text: STATUS_TEXT[state],
                }))),
          ];
          return (
            <div className="map-layout">
              <AreaMap
                name="Map of partners' service areas and referrals by area code"
                areas={areas}
                cells={mapCells}
                legend={legend}
              />
              <DataTable
                caption="Referrals by area code"
                exportName="referrals-by-area"
                columns={columns}
                rows={cells}
                rowKey={(row) => row.areaCode}
                initialSort={{ key: 'submitted', direction: 'descending' }}
                empty="No referral has an area code yet."
              />
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
