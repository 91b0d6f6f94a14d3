import { randomUUID } from 'node:crypto';
import { ConcordSystem } from '../support/concord-system';
import { devToken } from '../support/tokens';
import { VALID_BODIES } from '../support/valid-bodies';

/**
 * The consent rules at intake, as a table: every combination of `obtained`, `override`, its
 * reason and who authorised it, in every JSON shape a client might send, for an ordinary and a
 * 42 CFR Part 2 (substance-use) referral. Intake takes consent on record (how and by whom) or an
 * override with a reason and who authorised it, and nothing else; what is taken is stored exactly,
 * with the submitting token's subject as who recorded an override.
 */

const CONSENT = { obtained: true, method: 'verbal', obtainedBy: 'Officer K. Diaz #4411' };
const OVERRIDE = { reason: 'Imminent risk to the person', authorizedBy: 'Sgt. R. Diaz #1180' };
const RECORDED_BY = 'test-dispatcher';

type Expected = { stored: unknown } | { refused: string[] };

/** [what is sent, the consent member sent (undefined: left out), what intake does]. */
const TABLE: ReadonlyArray<[string, unknown, Expected]> = [
  ['consent on record, how and by whom', CONSENT, { stored: CONSENT }],
  [
    'consent on record without how',
    { obtained: true, obtainedBy: CONSENT.obtainedBy },
    { refused: ['consent.method'] },
  ],
  [
    'consent on record without by whom',
    { obtained: true, method: 'verbal' },
    { refused: ['consent.obtainedBy'] },
  ],
  [
    'consent on record and an override too',
    { ...CONSENT, override: OVERRIDE },
    { refused: ['consent.override'] },
  ],
  [
    'an override with its reason and who authorised it',
    { obtained: false, override: OVERRIDE },
    { stored: { obtained: false, override: { ...OVERRIDE, recordedBy: RECORDED_BY } } },
  ],
  ['no consent and no override', { obtained: false }, { refused: ['consent.override'] }],
  [
    'an override without a reason',
    { obtained: false, override: { authorizedBy: OVERRIDE.authorizedBy } },
    { refused: ['consent.override.reason'] },
  ],
  [
    'an override with a reason too short to say anything',
    { obtained: false, override: { ...OVERRIDE, reason: 'risk' } },
    { refused: ['consent.override.reason'] },
  ],
  [
    'an override without who authorised it',
    { obtained: false, override: { reason: OVERRIDE.reason } },
    { refused: ['consent.override.authorizedBy'] },
  ],
  [
    'an override authorised by an empty name',
    { obtained: false, override: { ...OVERRIDE, authorizedBy: '' } },
    { refused: ['consent.override.authorizedBy'] },
  ],
  [
    'an override with neither',
    { obtained: false, override: {} },
    { refused: ['consent.override.reason', 'consent.override.authorizedBy'] },
  ],
  [
    'an override sent as an empty array',
    { obtained: false, override: [] },
    { refused: ['consent.override'] },
  ],
  [
    'an override sent as an array of a valid one',
    { obtained: false, override: [OVERRIDE] },
    { refused: ['consent.override'] },
  ],
  [
    'an override sent as null',
    { obtained: false, override: null },
    { refused: ['consent.override'] },
  ],
  [
    'an override sent as a string',
    { obtained: false, override: 'yes' },
    { refused: ['consent.override'] },
  ],
  [
    'an override that also claims how consent was obtained',
    { obtained: false, method: 'verbal', obtainedBy: CONSENT.obtainedBy, override: OVERRIDE },
    { refused: ['consent.method', 'consent.obtainedBy'] },
  ],
  ['obtained left out', { override: OVERRIDE }, { refused: ['consent.obtained'] }],
  [
    'obtained as the string "true"',
    { ...CONSENT, obtained: 'true' },
    { refused: ['consent.obtained'] },
  ],
  ['consent as an empty array', [], { refused: ['consent'] }],
  ['consent as an array of a valid one', [CONSENT], { refused: ['consent'] }],
  ['consent as an empty object', {}, { refused: ['consent.obtained'] }],
  ['consent as null', null, { refused: ['consent'] }],
  ['consent as true', true, { refused: ['consent'] }],
  ['consent left out', undefined, { refused: ['consent'] }],
];

const CATEGORIES = ['mental-health-crisis', 'substance-use'] as const;

const names = (message: string, field: string): boolean =>
  new RegExp(`(^|[^\\w.-])${field.replace(/\./g, '\\.')}($|[^\\w-])`).test(message);

describe('consent rules at intake', () => {
  let system: ConcordSystem;
  let headers: Record<string, string>;

  beforeAll(async () => {
    system = await ConcordSystem.start({ services: ['referrals'] });
    headers = {
      authorization: `Bearer ${await devToken('dispatcher', randomUUID())}`,
      'content-type': 'application/json',
    };
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const rows = CATEGORIES.flatMap((category) =>
    TABLE.map(([what, consent, expected]) => [what, category, consent, expected] as const),
  );

  it.each(rows)('%s (%s)', async (_what, category, consent, expected) => {
    const body: Record<string, unknown> = { ...VALID_BODIES['POST /referrals'], category };
    if (consent === undefined) delete body.consent;
    else body.consent = consent;
    const url = `${system.processes.referrals.url}/referrals`;
    const answer = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    const answered = (await answer.json()) as { id?: string; message?: string[] };

    if ('refused' in expected) {
      expect(answer.status).toBe(400);
      const messages = answered.message ?? [];
      expect(expected.refused.filter((field) => !messages.some((m) => names(m, field)))).toEqual(
        [],
      );
      // Nothing but consent is wrong with the body, so nothing else is named.
      expect(messages.filter((message) => !/^consent\b|\bconsent\b/.test(message))).toEqual([]);
      return;
    }
    expect(answer.status).toBe(201);
    const read = await fetch(`${url}/${answered.id}`, { headers });
    expect(((await read.json()) as { consent: unknown }).consent).toEqual(expected.stored);
  });
});
