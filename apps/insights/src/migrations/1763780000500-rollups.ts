import { MigrationInterface, QueryRunner } from 'typeorm';

const CHARGED = 'concord.funding.charged.v1';
// As read-model/rollups.ts and week.ts have them; a migration keeps its own copy.
const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';
const UNKNOWN_AREA = 'unknown';
const weekStartSql = (time: string) => `date_trunc('week', ${time} AT TIME ZONE 'UTC')::date`;

/**
 * The rollups the projection keeps (read-model/rollups.ts): weekly_figures, area_figures and
 * area_carrier_figures. Filled from the read models and the event log already recorded, as the
 * projection would have kept them, so an existing database has its figures without a rebuild.
 */
export class Rollups1763780000500 implements MigrationInterface {
  name = 'Rollups1763780000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE weekly_figures (
        week_start date NOT NULL,
        initiative_id uuid NOT NULL,
        assigned int NOT NULL DEFAULT 0,
        assign_seconds_sum numeric NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        accept_seconds_sum numeric NOT NULL DEFAULT 0,
        offers_accepted int NOT NULL DEFAULT 0,
        offers_declined int NOT NULL DEFAULT 0,
        offers_expired int NOT NULL DEFAULT 0,
        successful int NOT NULL DEFAULT 0,
        unsuccessful int NOT NULL DEFAULT 0,
        charged_cents bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (week_start, initiative_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE area_figures (
        area_code text PRIMARY KEY,
        submitted int NOT NULL DEFAULT 0,
        unassignable int NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        cancelled int NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      CREATE TABLE area_carrier_figures (
        area_code text NOT NULL,
        partner_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        initiative_id uuid NOT NULL,
        offered int NOT NULL DEFAULT 0,
        accepted int NOT NULL DEFAULT 0,
        completed int NOT NULL DEFAULT 0,
        PRIMARY KEY (area_code, partner_id, agreement_id, initiative_id)
      )`);
    await fillWeeklyFigures(queryRunner);
    await fillAreaFigures(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE area_carrier_figures`);
    await queryRunner.query(`DROP TABLE area_figures`);
    await queryRunner.query(`DROP TABLE weekly_figures`);
  }
}

/**
 * Each referral's first offer, acceptance and completion, each offer's ending and each charge,
 * in the week of its time, under the referral's initiative (UNKNOWN_ID for a charge of a
 * referral never offered): what the projection adds for each event.
 */
async function fillWeeklyFigures(queryRunner: QueryRunner): Promise<void> {
  const initiative = `coalesce(f.initiative_id, '${UNKNOWN_ID}'::uuid)`;
  const zeros = (count: number) => Array.from({ length: count }, () => '0').join(', ');
  await queryRunner.query(
    `INSERT INTO weekly_figures (week_start, initiative_id, assigned, assign_seconds_sum,
                                 accepted, accept_seconds_sum, offers_accepted, offers_declined,
                                 offers_expired, successful, unsuccessful, charged_cents)
     SELECT week_start, initiative_id, sum(assigned), sum(assign_seconds), sum(accepted),
            sum(accept_seconds), sum(offers_accepted), sum(offers_declined), sum(offers_expired),
            sum(successful), sum(unsuccessful), sum(charged_cents)
       FROM (
         SELECT ${weekStartSql('f.first_assigned_at')} AS week_start, ${initiative} AS initiative_id,
                1 AS assigned,
                coalesce(extract(epoch FROM f.first_assigned_at - f.submitted_at), 0) AS assign_seconds,
                0 AS accepted, 0 AS accept_seconds, 0 AS offers_accepted, 0 AS offers_declined,
                0 AS offers_expired, 0 AS successful, 0 AS unsuccessful, 0::bigint AS charged_cents
           FROM referral_facts f WHERE f.first_assigned_at IS NOT NULL
         UNION ALL
         SELECT ${weekStartSql('f.accepted_at')}, ${initiative}, 0, 0, 1,
                coalesce(extract(epoch FROM f.accepted_at - f.last_assigned_at), 0), ${zeros(6)}
           FROM referral_facts f WHERE f.accepted_at IS NOT NULL
         UNION ALL
         SELECT ${weekStartSql('o.ended_at')}, ${initiative}, ${zeros(4)},
                (o.ending = 'accepted')::int, (o.ending = 'declined')::int,
                (o.ending = 'expired')::int, 0, 0, 0
           FROM referral_offers o JOIN referral_facts f ON f.referral_id = o.referral_id
          WHERE o.ending IN ('accepted', 'declined', 'expired')
         UNION ALL
         SELECT ${weekStartSql('f.completed_at')}, ${initiative}, ${zeros(7)},
                (f.outcome = 'successful')::int, (f.outcome = 'unsuccessful')::int, 0
           FROM referral_facts f WHERE f.completed_at IS NOT NULL
         UNION ALL
         SELECT ${weekStartSql('e.occurred_at')}, ${initiative}, ${zeros(9)},
                (e.data ->> 'amountCents')::bigint
           FROM recorded_events e
           LEFT JOIN referral_facts f ON f.referral_id = (e.data ->> 'referralId')::uuid
          WHERE e.type = '${CHARGED}'
       ) counted
      GROUP BY week_start, initiative_id
     HAVING sum(assigned) + sum(accepted) + sum(offers_accepted) + sum(offers_declined)
            + sum(offers_expired) + sum(successful) + sum(unsuccessful) > 0
         OR sum(charged_cents) <> 0`,
  );
}

/**
 * Each referral once per status reached, in its area; each offer, and each accepted offer and
 * its completion, under its partner, agreement and initiative.
 */
async function fillAreaFigures(queryRunner: QueryRunner): Promise<void> {
  const area = `coalesce(f.area_code, '${UNKNOWN_AREA}')`;
  await queryRunner.query(
    `INSERT INTO area_figures (area_code, submitted, unassignable, accepted, completed, cancelled)
     SELECT * FROM (
       SELECT ${area} AS area_code, count(f.submitted_at)::int AS submitted,
              count(*) FILTER (WHERE f.unassignable_count > 0)::int AS unassignable,
              count(f.accepted_at)::int AS accepted, count(f.completed_at)::int AS completed,
              count(f.cancelled_at)::int AS cancelled
         FROM referral_facts f GROUP BY 1
     ) counted
      WHERE submitted + unassignable + accepted + completed + cancelled > 0`,
  );
  await queryRunner.query(
    `INSERT INTO area_carrier_figures (area_code, partner_id, agreement_id, initiative_id,
                                       offered, accepted, completed)
     SELECT ${area}, o.partner_id, o.agreement_id, o.initiative_id, count(*)::int,
            count(*) FILTER (WHERE o.ending = 'accepted')::int,
            count(*) FILTER (WHERE o.ending = 'accepted' AND f.completed_at IS NOT NULL)::int
       FROM referral_offers o JOIN referral_facts f ON f.referral_id = o.referral_id
      GROUP BY 1, 2, 3, 4`,
  );
}
