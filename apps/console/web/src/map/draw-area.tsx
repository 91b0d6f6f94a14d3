import { MouseEvent, useId, useState } from 'react';
import { Position, ServiceArea } from '../admin-types';
import { Bounds, polygonsOf, projection } from './geo';

const WIDTH = 640;
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * Draws a service area by clicking its corners on a map of the programme's other areas (for
 * orientation); Finish shape closes the ring and hands back a GeoJSON Polygon. Pasting GeoJSON
 * is the keyboard's way to the same result.
 */
export function DrawArea(props: {
  bounds: Bounds;
  context: readonly ServiceArea[];
  onDrawn: (area: ServiceArea) => void;
  onCancel: () => void;
}) {
  const titleId = useId();
  const [corners, setCorners] = useState<Position[]>([]);
  const { width, height, path, point, position } = projection(props.bounds, WIDTH);
  const add = (event: MouseEvent<SVGSVGElement>) => {
    const svg = event.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    const [longitude, latitude] = position(at.x, at.y);
    setCorners((current) => [...current, [round(longitude), round(latitude)]]);
  };
  const finish = () => {
    props.onDrawn({ type: 'Polygon', coordinates: [[...corners, corners[0]]] });
  };
  return (
    <div className="draw-area">
      <p id={`${titleId}-help`} className="hint">
        Click each corner of the area in turn, then Finish shape. {corners.length} corner
        {corners.length === 1 ? '' : 's'} so far.
      </p>
      <svg
        className="map-drawing drawing"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-help`}
        onClick={add}
      >
        <title id={titleId}>Drawing a service area</title>
        <rect className="map-ground" x={0} y={0} width={width} height={height} />
        {props.context.map((area, index) => (
          <path
            key={index}
            className="service-area partner-0"
            d={polygonsOf(area).map(path).join('')}
          />
        ))}
        {corners.length > 1 && (
          <path
            className="drawn"
            d={path([corners]).replace(/Z$/, corners.length > 2 ? 'Z' : '')}
          />
        )}
        {corners.map((corner, index) => {
          const [x, y] = point(corner);
          return <circle key={index} className="corner" cx={x} cy={y} r={4} />;
        })}
      </svg>
      <div className="actions">
        <button type="button" className="primary" disabled={corners.length < 3} onClick={finish}>
          Finish shape
        </button>
        <button
          type="button"
          className="secondary"
          disabled={corners.length === 0}
          onClick={() => setCorners((current) => current.slice(0, -1))}
        >
          Undo last corner
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Stop drawing
        </button>
      </div>
    </div>
  );
}
