/** One sample of a scrape: `name{labels} value`. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family as its `# TYPE` line declares it, with its samples. */
export interface MetricFamily {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly help: string;
  readonly samples: PrometheusSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;
/** Sample names that belong to the family without the suffix (histogram and summary parts). */
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

/**
 * Parses the Prometheus text exposition format (version 0.0.4) strictly: every line is a HELP,
 * a TYPE, a comment or a well-formed sample of a family declared before it, and every value is
 * a number. Throws naming the line otherwise, so a malformed scrape fails the test that reads it.
 */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const helps = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    const fail = (why: string) => {
      throw new Error(`line ${index + 1} of the scrape ${why}: ${line}`);
    };
    if (line.trim() === '') return;
    const help = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    if (help) return void helps.set(help[1], help[2]);
    const type = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(
      line,
    );
    if (type) {
      if (families.has(type[1])) fail('declares a family twice');
      families.set(type[1], {
        name: type[1],
        type: type[2] as MetricFamily['type'],
        help: helps.get(type[1]) ?? '',
        samples: [],
      });
      return;
    }
    if (line.startsWith('#')) return;
    const sample = SAMPLE.exec(line);
    if (!sample) return fail('is not a sample');
    const [, name, rawLabels = '', rawValue] = sample;
    const family =
      families.get(name) ??
      families.get(
        SUFFIXES.filter((suffix) => name.endsWith(suffix))
          .map((suffix) => name.slice(0, -suffix.length))
          .find((base) => families.has(base)) ?? '',
      );
    if (!family) return fail('belongs to no declared family');
    const value =
      rawValue === '+Inf' ? Infinity : rawValue === '-Inf' ? -Infinity : Number(rawValue);
    if (Number.isNaN(value) && rawValue !== 'NaN') fail('has a value that is not a number');
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < rawLabels.length) {
      const start = LABEL.lastIndex;
      const label = LABEL.exec(rawLabels);
      if (!label || LABEL.lastIndex === start) return fail('has malformed labels');
      labels[label[1]] = label[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    family.samples.push({ name, labels, value });
  });
  return families;
}
