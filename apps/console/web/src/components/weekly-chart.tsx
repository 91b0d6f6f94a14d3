import { useId } from 'react';

export interface Series<T> {
  name: string;
  value: (row: T) => number | null;
  /** A class of styles.css: .series-0 … .series-2. */
  className: string;
}

/**
 * Bars week by week (stacked when there are several series), with a text alternative: every bar
 * has its figure in a <title>, and the same figures are a table under "Show as a table".
 */
export function WeeklyChart<T extends { weekStart: string }>(props: {
  title: string;
  weeks: readonly T[];
  series: readonly Series<T>[];
  format: (value: number) => string;
}) {
  const titleId = useId();
  const { weeks, series, format } = props;
  const totals = weeks.map((week) => series.reduce((sum, one) => sum + (one.value(week) ?? 0), 0));
  const most = Math.max(0, ...totals);
  const [width, height, base] = [320, 120, 100];
  const step = weeks.length > 0 ? width / weeks.length : width;
  const scale = most > 0 ? (base - 10) / most : 0;
  const hasData = weeks.some((week) => series.some((one) => (one.value(week) ?? 0) > 0));
  return (
    <figure className="chart">
      <figcaption id={titleId}>{props.title}</figcaption>
      {hasData ? (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
          <line className="axis" x1={0} y1={base} x2={width} y2={base} />
          {weeks.map((week, index) => {
            let top = base;
            return (
              <g key={week.weekStart}>
                {series.map((one) => {
                  const value = one.value(week);
                  if (value === null || value === 0) return null;
                  const barHeight = Math.max(1, value * scale);
                  top -= barHeight;
                  return (
                    <rect
                      key={one.name}
                      className={one.className}
                      x={index * step + step * 0.15}
                      y={top}
                      width={step * 0.7}
                      height={barHeight}
                    >
                      <title>{`Week of ${week.weekStart}: ${one.name} ${format(value)}`}</title>
                    </rect>
                  );
                })}
                {index % Math.ceil(weeks.length / 6) === 0 && (
                  <text className="tick" x={index * step + step / 2} y={height - 4}>
                    {week.weekStart.slice(5)}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      ) : (
        <p className="state empty">No figures in these weeks yet.</p>
      )}
      {series.length > 1 && (
        <ul className="legend" aria-label={`${props.title}: legend`}>
          {series.map((one) => (
            <li key={one.name}>
              <span className={`swatch ${one.className}`} aria-hidden="true" /> {one.name}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Show as a table</summary>
        <table className="table compact">
          <caption className="visually-hidden">{props.title}, week by week</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {series.map((one) => (
                <th key={one.name} scope="col">
                  {one.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <td data-label="Week of">{week.weekStart}</td>
                {series.map((one) => {
                  const value = one.value(week);
                  return (
                    <td key={one.name} data-label={one.name}>
                      {value === null ? '—' : format(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
