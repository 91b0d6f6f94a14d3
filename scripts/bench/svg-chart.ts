/**
 * A small line chart as SVG text, so that docs/benchmarks.md can show latency against offered
 * load without a charting dependency. Pure: the same data always gives the same bytes.
 */

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Place x on a log10 scale (offered loads 10, 50, 200 spread evenly). */
  readonly logX?: boolean;
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 64, right: 180, top: 40, bottom: 52 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A round upper bound for an axis and its tick step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { max: Math.ceil(max / step) * step, step };
}

const fmt = (value: number) => String(Math.round(value * 1000) / 1000);

/** Renders the chart; series without points are listed in the legend only. */
export function renderLineChart(chart: LineChart): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const points = chart.series.flatMap((series) => series.points);
  const xs = [...new Set(points.map((point) => point.x))].sort((a, b) => a - b);
  const toX = chart.logX ? (x: number) => Math.log10(Math.max(x, 1e-9)) : (x: number) => x;
  const xMin = xs.length > 0 ? toX(xs[0]) : 0;
  const xMax = xs.length > 0 ? toX(xs[xs.length - 1]) : 1;
  const xSpan = xMax - xMin || 1;
  const y = niceScale(Math.max(0, ...points.map((point) => point.y)));
  const px = (x: number) => MARGIN.left + ((toX(x) - xMin) / xSpan) * plotW;
  const py = (value: number) => MARGIN.top + plotH - (value / y.max) * plotH;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(chart.title)}</text>`,
  ];
  for (let tick = 0; tick <= y.max + y.step / 2; tick += y.step) {
    const at = fmt(py(tick));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${at}" x2="${MARGIN.left + plotW}" y2="${at}" stroke="#e0e0e0"/>`,
      `<text x="${MARGIN.left - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${fmt(tick)}</text>`,
    );
  }
  for (const x of xs) {
    parts.push(
      `<text x="${fmt(px(x))}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#000000"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="#000000"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    if (sorted.length > 0) {
      const path = sorted.map((point) => `${fmt(px(point.x))},${fmt(py(point.y))}`).join(' ');
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${path}"/>`,
        ...sorted.map(
          (point) =>
            `<circle cx="${fmt(px(point.x))}" cy="${fmt(py(point.y))}" r="3" fill="${colour}"/>`,
        ),
      );
    }
    const legendY = MARGIN.top + 10 + index * 18;
    const legendX = MARGIN.left + plotW + 16;
    parts.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 18}" y2="${legendY}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${legendX + 24}" y="${legendY}" dominant-baseline="middle">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
