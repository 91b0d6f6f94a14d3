import { escapeXml, niceScale, renderLineChart } from './svg-chart';

const chart = {
  title: 'Hand-off latency <p99>',
  xLabel: 'offered load (referrals/s)',
  yLabel: 'ms',
  logX: true,
  series: [
    {
      name: 'submit → assigned p99',
      points: [
        { x: 10, y: 12 },
        { x: 50, y: 18 },
        { x: 200, y: 40 },
      ],
    },
    { name: 'no data', points: [] },
  ],
};

describe('SVG line chart', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(40)).toEqual({ max: 40, step: 10 });
    expect(niceScale(43)).toEqual({ max: 50, step: 10 });
    expect(niceScale(0.7)).toEqual({ max: 0.8, step: 0.2 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 });
  });

  it('escapes text so a title cannot break the document', () => {
    expect(escapeXml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
    expect(renderLineChart(chart)).toContain('Hand-off latency &lt;p99&gt;');
  });

  it('draws one polyline per series with points and a legend entry for each series', () => {
    const svg = renderLineChart(chart);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg).toContain('no data');
  });

  it('spreads loads evenly on a log scale: 10 at the left edge, 200 at the right', () => {
    const svg = renderLineChart(chart);
    expect(svg).toContain('<circle cx="64" cy=');
    expect(svg).toContain('<circle cx="460" cy=');
  });

  it('puts the highest point at the top of the plot when it is the axis maximum', () => {
    expect(renderLineChart(chart)).toContain('<circle cx="460" cy="40" r="3"');
  });

  it('gives the same bytes for the same data', () => {
    expect(renderLineChart(chart)).toBe(renderLineChart(chart));
  });
});
