import { DEV_AUDIENCE, DEV_ISSUER, mintToken } from '../../libs/auth/src/dev-keys';
import { runHandOffPhase } from './hand-off-phase';
import { now } from './hand-off-tracker';
import { databaseOf, sql } from './infrastructure';
import { summarize } from './stats';
import { BenchSystem } from './system';

export interface GrowthCall {
  readonly name: string;
  readonly count: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

export interface GrowthResult {
  readonly sizes: {
    referrals: number;
    generateSeconds: number;
    /** How long insights took to roll the generated days up into referral_day_figures. */
    rollupSeconds: number;
    calls: GrowthCall[];
  }[];
}

const CHUNK = 100_000;

/** Thirty days from now: the deadline of every generated open offer. */
const OPEN_OFFERS_ANSWER_BY = new Date(Date.now() + 30 * 86_400_000).toISOString();

/**
 * Fills the referrals database up to `target` referrals with INSERT ... SELECT generate_series:
 * copies of a real referral (so every column matches what the service wrote, its sealed details
 * and their data key included: each copy opens like the original), submitted over the
 * past year, 99 % completed and 1 % still offered, spread over the partners, each with its offer.
 * The open offers' deadlines lie after the run: past ones would have the engine re-route some
 * ten thousand generated referrals while the throughput search measures it (it did, once).
 */
async function fillReferrals(system: BenchSystem, from: number, to: number): Promise<void> {
  const db = databaseOf(system.settings, 'referrals');
  for (let start = from; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1);
    await sql(
      system.settings,
      db,
      `WITH template AS (SELECT * FROM referrals WHERE partner_id IS NOT NULL ORDER BY submitted_at LIMIT 1),
            partners AS (SELECT d.*, row_number() OVER (ORDER BY partner_id) - 1 AS slot
                           FROM (SELECT DISTINCT ON (partner_id) partner_id, service_id, agreement_id
                                   FROM offers ORDER BY partner_id) d),
            partner_count AS (SELECT count(*) AS n FROM partners),
            numbers AS (SELECT g AS n, gen_random_uuid() AS id,
                               now() - interval '366 days' + (g % 31536000) * interval '1 second' AS at,
                               g % 100 = 0 AS open
                          FROM generate_series($1::int, $2::int) g),
            made AS (
              INSERT INTO referrals (id, agency_id, submitted_by, incident_reference, category, urgency,
                       area_code, contact_preference, key_id, data_key, details,
                       status, attempt, partner_id, service_id, agreement_id, accept_by,
                       outcome, submitted_at, accepted_at, contacted_at, closed_at, updated_at)
              SELECT n.id, t.agency_id, t.submitted_by, 'GEN-' || n.n, t.category, t.urgency,
                     t.area_code, t.contact_preference,
                     t.key_id, t.data_key, t.details, CASE WHEN n.open THEN 'offered' ELSE 'completed' END, 1,
                     p.partner_id, p.service_id, p.agreement_id,
                     CASE WHEN n.open THEN $3::timestamptz ELSE n.at + interval '4 hours' END,
                     CASE WHEN n.open THEN NULL ELSE 'successful' END, n.at,
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '5 minutes' END,
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '20 minutes' END,
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '2 hours' END,
                     n.at + interval '2 hours'
                FROM numbers n CROSS JOIN template t CROSS JOIN partner_count c
                JOIN partners p ON p.slot = n.n % c.n
              RETURNING id, partner_id, service_id, agreement_id, submitted_at, status)
       INSERT INTO offers (id, referral_id, attempt, partner_id, service_id, agreement_id, status,
                           offered_at, accept_by, answered_at)
       SELECT gen_random_uuid(), id, 1, partner_id, service_id, agreement_id,
              CASE WHEN status = 'offered' THEN 'offered' ELSE 'completed' END,
              submitted_at,
              CASE WHEN status = 'offered' THEN $3::timestamptz ELSE submitted_at + interval '4 hours' END,
              CASE WHEN status = 'offered' THEN NULL ELSE submitted_at + interval '5 minutes' END
         FROM made`,
      [start, end, OPEN_OFFERS_ANSWER_BY],
    );
  }
  await sql(system.settings, db, 'ANALYZE');
}

/** The insights read models for the same number of referrals: facts and offers, one each. */
async function fillInsights(system: BenchSystem, from: number, to: number): Promise<void> {
  const db = databaseOf(system.settings, 'insights');
  for (let start = from; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1);
    await sql(
      system.settings,
      db,
      `WITH template AS (SELECT * FROM referral_facts WHERE initiative_id IS NOT NULL LIMIT 1),
            offer_template AS (SELECT * FROM referral_offers LIMIT 1),
            partners AS (SELECT partner_id, row_number() OVER (ORDER BY partner_id) - 1 AS slot
                           FROM (SELECT DISTINCT partner_id FROM referral_offers) d),
            partner_count AS (SELECT count(*) AS n FROM partners),
            numbers AS (SELECT g AS n, gen_random_uuid() AS id,
                               now() - interval '366 days' + (g % 31536000) * interval '1 second' AS at,
                               g % 100 = 0 AS open
                          FROM generate_series($1::int, $2::int) g),
            made AS (
              INSERT INTO referral_facts (referral_id, agency_id, category, urgency, area_code,
                       submitted_at, initiative_id, partner_id, first_assigned_at, last_assigned_at,
                       accepted_at, contacted_at, completed_at, outcome, charged_cents)
              SELECT n.id, t.agency_id, t.category, t.urgency, t.area_code, n.at, t.initiative_id,
                     p.partner_id, n.at + interval '20 milliseconds', n.at + interval '20 milliseconds',
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '5 minutes' END,
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '20 minutes' END,
                     CASE WHEN n.open THEN NULL ELSE n.at + interval '2 hours' END,
                     CASE WHEN n.open THEN NULL ELSE 'successful' END,
                     CASE WHEN n.open THEN 0 ELSE 100 END
                FROM numbers n CROSS JOIN template t CROSS JOIN partner_count c
                JOIN partners p ON p.slot = n.n % c.n
              RETURNING referral_id, partner_id, first_assigned_at, completed_at)
       INSERT INTO referral_offers (offer_id, referral_id, partner_id, initiative_id, agreement_id,
                                    attempt, offered_at, accept_by, ending, ended_at)
       SELECT gen_random_uuid()::text, m.referral_id, m.partner_id, o.initiative_id, o.agreement_id, 1,
              m.first_assigned_at, m.first_assigned_at + interval '4 hours',
              CASE WHEN m.completed_at IS NULL THEN NULL ELSE 'accepted' END,
              CASE WHEN m.completed_at IS NULL THEN NULL ELSE m.first_assigned_at + interval '5 minutes' END
         FROM made m CROSS JOIN offer_template o`,
      [start, end],
    );
  }
  await sql(system.settings, db, 'ANALYZE');
}

/**
 * Waits until insights' refresher has taken every stale day key (the generator's rows marked
 * their days stale), so that the KPIs are timed as a settled system answers them; the seconds.
 */
async function untilRolledUp(system: BenchSystem, timeoutMs = 600_000): Promise<number> {
  const started = now();
  for (;;) {
    const [row] = await sql<{ n: string }>(
      system.settings,
      databaseOf(system.settings, 'insights'),
      'SELECT count(*) AS n FROM day_figures_stale',
    );
    if (Number(row.n) === 0) return Math.round((now() - started) / 100) / 10;
    if (now() - started > timeoutMs) throw new Error(`insights left ${row.n} day keys stale`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function countReferrals(system: BenchSystem): Promise<number> {
  const [row] = await sql<{ n: string }>(
    system.settings,
    databaseOf(system.settings, 'referrals'),
    'SELECT count(*) AS n FROM referrals',
  );
  return Number(row.n);
}

/** Times `calls` sequential GETs of `path` (each a fresh request on a warm connection). */
async function timeCalls(url: string, token: string, paths: () => string, calls: number) {
  const samples: number[] = [];
  for (let index = 0; index < calls + 5; index++) {
    const started = now();
    const response = await fetch(`${url}${paths()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${paths()} answered ${response.status}`);
    // The first five warm the path (plans, caches) and are not counted.
    if (index >= 5) samples.push(now() - started);
  }
  return summarize(samples);
}

/** Reads at each size: partner queue, dispatch list, one referral, KPIs (last day and all). */
export async function measureGrowth(system: BenchSystem): Promise<GrowthResult> {
  const { settings, fixtures } = system;
  // The generator copies real rows: make sure there are some.
  await runHandOffPhase(system.target, system.tracker, 'growth-seed', 10, 1, 30_000);
  const key = await import('node:fs/promises').then((fs) =>
    fs.readFile(`${system.root}/.cache/dev-keys/dev-private.pem`, 'utf8'),
  );
  const token = (role: 'partner' | 'dispatcher' | 'admin', org?: string) =>
    mintToken(
      key,
      { subject: `bench-${role}`, role, organizationId: org },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, expiresIn: '8h' },
    );
  const partner = await token('partner', fixtures.partnerIds[0]);
  const dispatcher = await token('dispatcher', fixtures.agencyId);
  const admin = await token('admin');
  const sizes: GrowthResult['sizes'] = [];
  for (const size of [...settings.growthSizes].sort((a, b) => a - b)) {
    const existing = await countReferrals(system);
    const started = now();
    if (size > existing) {
      console.log(`[bench] growth: generating ${size - existing} referrals`);
      await fillReferrals(system, existing + 1, size);
      await fillInsights(system, existing + 1, size);
    }
    const generateSeconds = Math.round((now() - started) / 100) / 10;
    const rollupSeconds = await untilRolledUp(system);
    const ids = (
      await sql<{ id: string }>(
        settings,
        databaseOf(settings, 'referrals'),
        'SELECT id FROM referrals ORDER BY random() LIMIT 1000',
      )
    ).map((row) => row.id);
    const randomId = () => ids[Math.floor(Math.random() * ids.length)];
    const dayAgo = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const { referrals, insights } = system.urls;
    const measure = async (
      name: string,
      url: string,
      bearer: string,
      path: () => string,
      count = settings.growthCalls,
    ) => {
      const summary = await timeCalls(url, bearer, path, count);
      return { name, count: summary.count, p50: summary.p50, p99: summary.p99 };
    };
    const calls: GrowthCall[] = [
      await measure(
        'partner queue (GET /referrals?status=offered)',
        referrals,
        partner,
        () => '/referrals?status=offered',
      ),
      await measure('dispatch list (GET /referrals)', referrals, dispatcher, () => '/referrals'),
      await measure(
        'referral read (GET /referrals/:id)',
        referrals,
        dispatcher,
        () => `/referrals/${randomId()}`,
      ),
      await measure(
        'KPIs, last 24 h (GET /kpis?initiativeId&from)',
        insights,
        admin,
        () => `/kpis?initiativeId=${fixtures.initiativeId}&from=${dayAgo}`,
      ),
      await measure(
        'KPIs, whole initiative (GET /kpis?initiativeId)',
        insights,
        admin,
        () => `/kpis?initiativeId=${fixtures.initiativeId}`,
        // It aggregates every referral of the initiative by design: a few calls tell enough.
        Math.min(settings.growthCalls, 20),
      ),
    ];
    sizes.push({ referrals: await countReferrals(system), generateSeconds, rollupSeconds, calls });
  }
  return { sizes };
}
