import { randomInt } from 'node:crypto';
import { EventEnvelope } from '@concord/contracts';
import { after, EventPublisher } from './insights-service';
import { CRISIS, HOUSING, Programme, ReferralScript } from './scenario';

const GEOHASH = '0123456789bcdefghjkmnpqrstuvwxyz';
const DAY = 24 * 3600;

/** A random 5-character geohash: an area no other test's referrals are in. */
export const randomAreaCode = (): string =>
  Array.from({ length: 5 }, () => GEOHASH[randomInt(GEOHASH.length)]).join('');

/** A random Monday (UTC) of 2000–2019: weeks no other test's events fall in. */
export function randomPastMonday(): Date {
  const firstMonday = Date.UTC(2000, 0, 3);
  return new Date(firstMonday + randomInt(1000) * 7 * DAY * 1000);
}

/** `days` and `hours` after `monday`. */
const on = (monday: Date, days: number, hours: number) => after(monday, days * DAY + hours * 3600);

export interface WeeklyScenario {
  /** The Mondays of its four weeks, YYYY-MM-DD: W0, W1, W2 (nothing happens) and W3. */
  readonly weeks: readonly [string, string, string, string];
  /** Initiative A (two partners) and initiative B (one). */
  readonly a: Programme;
  readonly b: Programme;
  readonly areaCode: string;
  /** Referral a1's submission, first offer and charge, to deliver again. */
  readonly a1: { submitted: EventEnvelope; assigned: EventEnvelope; charged: EventEnvelope };
  readonly a1Script: ReferralScript;
  readonly events: EventEnvelope[];
}

/**
 * Referrals of initiatives A and B over four weeks from `monday`, worked by hand in
 * kpis-weekly.test.ts (every time is in seconds after the referral's submission):
 *
 * - a1, W0 Tue 10:00: offered p1 at 120, declined at 300, offered p2 at 400, accepted at 1000,
 *   charged 2000 at 1001, completed unsuccessful 8 days later (W1);
 * - a2, W0 Sun 23:00: offered p1 at 4200 (W1 Mon 00:10), expired at 7800, offered p2 at 8000,
 *   accepted at 8300, charged 1500 at 8301, completed successful in W3;
 * - a4, W1 Thu 12:00: offered at 60, accepted at 160, charged 1500 at 161, completed successful;
 * - b1 (initiative B), W1 Fri 08:00: offered at 30, accepted at 90, charged 999, completed;
 * - a3, W3 Wed 09:00: charged 1800 (at 4000) published before anything of the referral, offered
 *   at 90, accepted at 3900.
 */
export async function publishWeeklyScenario(
  publisher: EventPublisher,
  monday: Date,
): Promise<WeeklyScenario> {
  const first = publisher.published.length;
  const [a, b] = [new Programme(), new Programme(1)];
  const [p1, p2] = a.partners;
  const [q1] = b.partners;
  const areaCode = randomAreaCode();
  const referral = (programme: Programme, submittedAt: Date) =>
    new ReferralScript(publisher, programme, CRISIS, submittedAt, areaCode);

  const a1 = referral(a, on(monday, 1, 10));
  const a1Submitted = await a1.submit();
  const a1Assigned = await a1.assign(120, p1);
  await a1.decline(300, p1, 'no-capacity');
  await a1.assign(400, p2);
  await a1.accept(1000, p2);
  const a1Charged = await a1.charge(1001, p2, 2000);
  await a1.complete(8 * DAY, p2, 'unsuccessful', 'unable-to-contact');

  const a2 = referral(a, on(monday, 6, 23));
  await a2.submit();
  await a2.assign(4200, p1);
  await a2.expire(7800, p1);
  await a2.assign(8000, p2);
  await a2.accept(8300, p2);
  await a2.charge(8301, p2, 1500);
  await a2.complete(15 * DAY + 3600, p2, 'successful');

  const a4 = new ReferralScript(publisher, a, HOUSING, on(monday, 10, 12), areaCode);
  await a4.submit();
  await a4.assign(60, p1);
  await a4.accept(160, p1);
  await a4.charge(161, p1, 1500);
  await a4.complete(3600, p1, 'successful');

  const b1 = referral(b, on(monday, 11, 8));
  await b1.submit();
  await b1.assign(30, q1);
  await b1.accept(90, q1);
  await b1.charge(91, q1, 999);
  await b1.complete(500, q1, 'successful');

  const a3 = referral(a, on(monday, 23, 9));
  await a3.charge(4000, p1, 1800);
  await a3.submit();
  await a3.assign(90, p1);
  await a3.accept(3900, p1);

  const week = (n: number) =>
    on(monday, 7 * n, 0)
      .toISOString()
      .slice(0, 10);
  return {
    weeks: [week(0), week(1), week(2), week(3)],
    a,
    b,
    areaCode,
    a1: { submitted: a1Submitted, assigned: a1Assigned, charged: a1Charged },
    a1Script: a1,
    events: publisher.published.slice(first),
  };
}

export interface AreaScenario {
  /** Two areas: x (three referrals), y (two). */
  readonly x: string;
  readonly y: string;
  /** Initiative A (partners p1, p2) and initiative C (partner p3). */
  readonly a: Programme;
  readonly c: Programme;
  readonly events: EventEnvelope[];
}

/**
 * Five referrals in two fresh areas, worked by hand in kpis-by-area.test.ts:
 *
 * - x1: unassignable twice, offered p1 (declined), offered p2, accepted, completed;
 * - x2: offered p1, accepted, cancelled;
 * - x3 (initiative C): offered p3, expired, cancelled;
 * - y1: offered p1, accepted, in progress, completed unsuccessful;
 * - y2: submitted only.
 */
export async function publishAreaScenario(
  publisher: EventPublisher,
  submittedAt: Date,
): Promise<AreaScenario> {
  const first = publisher.published.length;
  const [a, c] = [new Programme(), new Programme(1)];
  const [p1, p2] = a.partners;
  const [p3] = c.partners;
  const [x, y] = [randomAreaCode(), randomAreaCode()];
  const referral = (programme: Programme, areaCode: string) =>
    new ReferralScript(publisher, programme, HOUSING, submittedAt, areaCode);

  const x1 = referral(a, x);
  await x1.submit();
  await x1.unassignable(10);
  await x1.unassignable(20);
  await x1.assign(30, p1);
  await x1.decline(60, p1, 'no-capacity');
  await x1.assign(90, p2);
  await x1.accept(120, p2);
  await x1.complete(600, p2, 'successful');

  const x2 = referral(a, x);
  await x2.submit();
  await x2.assign(30, p1);
  await x2.accept(60, p1);
  await x2.cancel(300, p1);

  const x3 = referral(c, x);
  await x3.submit();
  await x3.assign(30, p3);
  await x3.expire(3630, p3);
  await x3.cancel(4000);

  const y1 = referral(a, y);
  await y1.submit();
  await y1.assign(30, p1);
  await y1.accept(60, p1);
  await y1.contact(120, p1);
  await y1.complete(900, p1, 'unsuccessful');

  const y2 = referral(a, y);
  await y2.submit();

  return { x, y, a, c, events: publisher.published.slice(first) };
}
