/** Calendar quarters in UTC, named `2026-Q4`; the unit the partnership's figures are kept in. */
export type Quarter = string;

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter a moment falls in, in UTC: `2026-Q4`. */
export function quarterOf(moment: Date): Quarter {
  return `${moment.getUTCFullYear()}-Q${Math.floor(moment.getUTCMonth() / 3) + 1}`;
}

function parts(quarter: Quarter): [year: number, number: number] {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`${quarter} is not a quarter YYYY-Qn`);
  return [Number(match[1]), Number(match[2])];
}

/** The first moment of the quarter, UTC. */
export function quarterStart(quarter: Quarter): Date {
  const [year, number] = parts(quarter);
  return new Date(Date.UTC(year, (number - 1) * 3, 1));
}

/** The first moment after the quarter, UTC. */
export function quarterEnd(quarter: Quarter): Date {
  const [year, number] = parts(quarter);
  return new Date(Date.UTC(year, number * 3, 1));
}

/** Every quarter from `first` to `last`, both included, oldest first; none when last < first. */
export function quartersBetween(first: Quarter, last: Quarter): Quarter[] {
  const quarters: Quarter[] = [];
  for (let start = quarterStart(first); start < quarterEnd(last);) {
    const quarter = quarterOf(start);
    quarters.push(quarter);
    start = quarterEnd(quarter);
  }
  return quarters;
}
