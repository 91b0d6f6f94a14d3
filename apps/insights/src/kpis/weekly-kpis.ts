import { costPerCase, ratio } from './kpi-report';

/** One week's figures; docs/insights.md defines each. */
export interface WeekKpis {
  /** The Monday (UTC) the week starts on, YYYY-MM-DD. */
  weekStart: string;
  assigned: number;
  timeToAssignAverageSeconds: number | null;
  accepted: number;
  timeToAcceptAverageSeconds: number | null;
  offers: { accepted: number; declined: number; expired: number };
  acceptanceRate: number | null;
  completed: { successful: number; unsuccessful: number };
  chargedCents: number;
  costPerCompletedCaseCents: number | null;
}

/** GET /kpis/weekly: every week of the range, oldest first. */
export interface WeeklyKpis {
  /** The initiative asked for (null: all), and the Mondays of the first and the last week. */
  filters: { initiativeId: string | null; from: string; to: string };
  weeks: WeekKpis[];
}

/** A week's sums as the SQL reads them from weekly_figures; numeric and bigint sums as text. */
export interface WeekSums {
  week_start: string;
  assigned: number;
  assign_seconds_sum: string;
  accepted: number;
  accept_seconds_sum: string;
  offers_accepted: number;
  offers_declined: number;
  offers_expired: number;
  successful: number;
  unsuccessful: number;
  charged_cents: string;
}

/** The week's figures: its sums, and the averages and rates derived from them. */
export function deriveWeek(sums: WeekSums): WeekKpis {
  const offers = {
    accepted: sums.offers_accepted,
    declined: sums.offers_declined,
    expired: sums.offers_expired,
  };
  const chargedCents = Number(sums.charged_cents);
  return {
    weekStart: sums.week_start,
    assigned: sums.assigned,
    timeToAssignAverageSeconds: ratio(Number(sums.assign_seconds_sum), sums.assigned),
    accepted: sums.accepted,
    timeToAcceptAverageSeconds: ratio(Number(sums.accept_seconds_sum), sums.accepted),
    offers,
    acceptanceRate: ratio(offers.accepted, offers.accepted + offers.declined + offers.expired),
    completed: { successful: sums.successful, unsuccessful: sums.unsuccessful },
    chargedCents,
    costPerCompletedCaseCents: costPerCase(chargedCents, sums.successful + sums.unsuccessful),
  };
}
