import { useId } from 'react';
import { Position, ServiceArea } from '../admin-types';
import { boundsOf, cornersOf, geohashBounds, isGeohash, polygonsOf, projection } from './geo';

export interface MapArea {
  key: string;
  /** What the shape is, read out and shown on hover: "Alpha Crisis Team: mobile crisis". */
  label: string;
  area: ServiceArea;
  /** One of the partner colours (styles.css .partner-0 … .partner-5). */
  colour: number;
}

export interface MapCell {
  areaCode: string;
  label: string;
  /** A class of styles.css that fills the cell (.volume-1 … .volume-5, .state-…). */
  fill: string;
}

export interface LegendEntry {
  swatch: string;
  text: string;
}

const WIDTH = 640;

/**
 * Service areas and geohash cells drawn from local GeoJSON on a plain background: no tiles, no
 * WebGL. A named region; every shape has a text alternative (its <title>), and the screens put
 * the same figures in a table beside it.
 */
export function AreaMap(props: {
  name: string;
  areas: readonly MapArea[];
  cells: readonly MapCell[];
  legend: readonly LegendEntry[];
}) {
  const titleId = useId();
  // A referral without an area code has no cell to draw; the table beside still counts it.
  const cells = props.cells.filter((cell) => isGeohash(cell.areaCode));
  const positions: Position[] = [
    ...props.areas.flatMap((area) => polygonsOf(area.area).flat(2)),
    ...cells.flatMap((cell) => cornersOf(geohashBounds(cell.areaCode))),
  ];
  const bounds = boundsOf(positions);
  return (
    <section className="map" aria-label={props.name}>
      {bounds === null ? (
        <p className="state empty">Nothing to draw yet: no service area and no referral.</p>
      ) : (
        <Drawing {...props} cells={cells} titleId={titleId} bounds={bounds} />
      )}
      {props.legend.length > 0 && (
        <ul className="legend" aria-label="Legend">
          {props.legend.map((entry) => (
            <li key={entry.text}>
              <span className={`swatch ${entry.swatch}`} aria-hidden="true" /> {entry.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Drawing(props: {
  name: string;
  titleId: string;
  bounds: [number, number, number, number];
  areas: readonly MapArea[];
  cells: readonly MapCell[];
}) {
  const { width, height, path } = projection(props.bounds, WIDTH);
  return (
    <svg
      className="map-drawing"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={props.titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={props.titleId}>{props.name}</title>
      <rect className="map-ground" x={0} y={0} width={width} height={height} />
      {props.areas.map((area) => (
        <path
          key={area.key}
          className={`service-area partner-${area.colour % 6}`}
          d={polygonsOf(area.area).map(path).join('')}
          fillRule="evenodd"
          data-area={area.label}
        >
          <title>{area.label}</title>
        </path>
      ))}
      {props.cells.map((cell) => (
        <path
          key={cell.areaCode}
          className={`cell ${cell.fill}`}
          d={path([[...cornersOf(geohashBounds(cell.areaCode))]])}
          data-cell={cell.areaCode}
        >
          <title>{cell.label}</title>
        </path>
      ))}
    </svg>
  );
}
