import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { isDeepStrictEqual, promisify } from 'node:util';
import { FeedbackEvents } from '@concord/contracts';
import { eventually, query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  PublishedEvents,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { programme } from './support/fixtures';

const run = promisify(execFile);
/** The limit per network and day the instances run with, small enough to reach in a test. */
const PER_NETWORK = 3;
/** What a browser's navigation and form posts say they accept. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
/** form-token.ts's minimum fill time, and a little more. */
const FILL_TIME_MS = 4_100;
const waitToFill = () => new Promise((done) => setTimeout(done, FILL_TIME_MS));

interface PublicAnswer {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely
  json: any;
}

/**
 * A request without a token, from a resident at `from` as a trusted proxy says (the test connects
 * from 127.0.0.1, which the instances trust, and sets X-Forwarded-For).
 */
async function publicRequest(
  instance: ServiceProcess,
  method: string,
  path: string,
  options: {
    from?: string;
    json?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<PublicAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.from) headers['x-forwarded-for'] = options.from;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(`${instance.url}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    text,
    json: contentType.includes('json') && text ? JSON.parse(text) : undefined,
  };
}

/**
 * Two agreements instances on one database, trusting the test as their proxy: the survey's
 * public routes, its protections and its anonymity.
 */
describe('the community survey', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  let events: PublishedEvents;
  let admin: Api;
  let initiativeId: string;
  let partnerId: string;
  let surveyId: string;

  const env = {
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_STORE: 'postgres',
    SURVEY_ANSWERS_PER_NETWORK_PER_DAY: String(PER_NETWORK),
    SURVEY_PUBLIC_BASE_URL: 'https://survey.example.org',
  };

  beforeAll(async () => {
    [a, events] = await Promise.all([startAgreementsService(env), PublishedEvents.start()]);
    // The second only once the first has migrated the database.
    b = await startAgreementsService(env, a.env.DATABASE_URL);
    admin = new Api(a, await devToken('admin'));
    ({ initiativeId, partnerId } = await programme(admin));
    surveyId = (await openSurvey()).id;
  }, 200_000);

  afterAll(async () => {
    await events?.stop();
    if (a) await stopAgreementsService(...[a, b].filter(Boolean));
  });

  /** Waits for an event of `type` about the initiative whose payload is `data`. */
  const published = (type: string, data: Record<string, unknown>) =>
    eventually(`${type} ${JSON.stringify(data)}`, async () =>
      events.of(initiativeId, type).some((event) => isDeepStrictEqual(event.data, data)),
    );

  const openSurvey = () =>
    admin.expect(201, 'POST', `/initiatives/${initiativeId}/surveys`, {
      title: 'How did we do?',
      introduction: 'The police and its partners ask residents whether their help works.',
    });

  /** `count` fresh form tokens of `survey`, from instance `from`. */
  const tokens = async (count: number, survey = surveyId, instance = a) => {
    const forms = await Promise.all(
      Array.from({ length: count }, () =>
        publicRequest(instance, 'GET', `/surveys/${survey}/form`),
      ),
    );
    return forms.map(({ json }) => json.token as string);
  };

  const answer = (
    instance: ServiceProcess,
    token: string,
    from: string,
    extra: Record<string, unknown> = {},
    survey = surveyId,
  ) =>
    publicRequest(instance, 'POST', `/surveys/${survey}/answers`, {
      from,
      json: { token, scores: { helped: 4, respected: 5 }, ...extra },
    });

  const tokensAfterFill = async () => {
    const fresh = await tokens(1);
    await waitToFill();
    return fresh;
  };

  it('opening a survey publishes survey.opened and answers its public page and QR code links', async () => {
    const survey = await openSurvey();
    expect(survey).toMatchObject({
      initiativeId,
      status: 'open',
      publicUrl: `https://survey.example.org/surveys/${survey.id}/page`,
      qrCodeUrl: `https://survey.example.org/surveys/${survey.id}/qr.svg`,
      closedAt: null,
    });
    await published(FeedbackEvents.surveyOpened.type, {
      surveyId: survey.id,
      initiativeId,
      status: 'open',
    });
  });

  it('a resident answers without a token, and feedback.received carries the scores and area code only', async () => {
    const form = await publicRequest(a, 'GET', `/surveys/${surveyId}/form`);
    expect(form.status).toBe(200);
    expect(form.json).toMatchObject({
      surveyId,
      title: 'How did we do?',
      scale: { min: 1, max: 5 },
      commentMaxLength: 1000,
    });
    expect(form.json.questions.map(({ id }: { id: string }) => id)).toEqual([
      'helped',
      'respected',
      'timely',
      'wouldCallAgain',
    ]);
    await waitToFill();
    const sent = await answer(b, form.json.token, '192.0.2.10', {
      areaCode: '9q8yy',
      comment: 'The worker listened.',
    });
    expect([sent.status, sent.json]).toEqual([201, { received: true }]);

    await published(FeedbackEvents.received.type, {
      surveyId,
      initiativeId,
      areaCode: '9q8yy',
      scores: { helped: 4, respected: 5 },
    });
    const [row] = await query<Record<string, unknown>>(
      a.env.DATABASE_URL,
      `SELECT quarter, area_code, helped, respected, timely, comment FROM survey_answers WHERE area_code = '9q8yy'`,
    );
    const now = new Date();
    expect(row).toEqual({
      quarter: `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`,
      area_code: '9q8yy',
      helped: 4,
      respected: 5,
      timely: null,
      comment: 'The worker listened.',
    });
  });

  it('a replayed form token is refused with 409 FORM_TOKEN_USED, on the other instance too', async () => {
    const [token] = await tokens(1);
    await waitToFill();
    const first = await answer(a, token, '192.0.2.20');
    const again = await answer(b, token, '192.0.2.20');
    expect([first.status, again.status, again.json.code]).toEqual([201, 409, 'FORM_TOKEN_USED']);
  });

  it('an answer sooner than the minimum fill time is refused with 422 FORM_TOO_FAST', async () => {
    const [token] = await tokens(1);
    const sent = await answer(a, token, '192.0.2.30');
    expect([sent.status, sent.json.code]).toEqual([422, 'FORM_TOO_FAST']);
  });

  it("a forged token, or another survey's, is refused with 400 and its code", async () => {
    const other = await openSurvey();
    const [theirs] = await tokens(1, other.id);
    const [ours] = await tokens(1);
    await waitToFill();
    const [payload] = ours.split('.');
    const forged = `${payload}.${'A'.repeat(43)}`;
    const answers = await Promise.all([
      answer(a, forged, '192.0.2.40'),
      answer(a, theirs, '192.0.2.40'),
      answer(a, 'not-a-token', '192.0.2.40'),
    ]);
    expect(answers.map(({ status, json }) => `${status} ${json.code}`)).toEqual([
      '400 FORM_TOKEN_FORGED',
      '400 FORM_TOKEN_OTHER_SURVEY',
      '400 FORM_TOKEN_MALFORMED',
    ]);
  });

  it('hostile input gets a 400 that names the field and the rule', async () => {
    const [token] = await tokens(1);
    const bodies: [unknown, RegExp][] = [
      [{ token, scores: {} }, /scores must answer at least one/],
      [{ token, scores: { helped: 6 } }, /scores\.helped must not be greater than 5/],
      [{ token, scores: { helped: '4' } }, /scores\.helped must be an integer/],
      [{ token, scores: { helped: 4, mood: 2 } }, /"scores\.mood" must not be sent/],
      [{ token, scores: { helped: 4 }, name: 'Jane' }, /"name" must not be sent/],
      [{ token, scores: { helped: 4 }, areaCode: 'abcdef' }, /areaCode must be a geohash/],
      [{ token, scores: { helped: 4 }, comment: 'x'.repeat(1001) }, /comment must be shorter/],
      [{ token, scores: { helped: 4 }, comment: 'a\u0000b' }, /comment must not contain NUL/],
      [{ scores: { helped: 4 } }, /token must be a string/],
      [[token], /body must be a JSON object/],
    ];
    for (const [body, rule] of bodies) {
      const sent = await publicRequest(a, 'POST', `/surveys/${surveyId}/answers`, {
        from: '192.0.2.50',
        json: body,
      });
      expect({ body, status: sent.status, message: sent.json.message.join('; ') }).toEqual({
        body,
        status: 400,
        message: expect.stringMatching(rule),
      });
    }
  });

  it('the public page renders an accessible form without JavaScript, and its form post is thanked with a page', async () => {
    const page = await publicRequest(b, 'GET', `/surveys/${surveyId}/page?area=9q8yz&fbclid=x`, {
      headers: BROWSER,
    });
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('<form method="post" action="answers">');
    expect(page.text).toContain('<legend>Were you treated with respect?</legend>');
    expect(page.text).toContain('<input type="hidden" name="areaCode" value="9q8yz">');
    const token = /name="token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';

    await waitToFill();
    // What a browser sends for this form: every field, the skipped ones empty.
    const posted = await publicRequest(a, 'POST', `/surveys/${surveyId}/answers`, {
      from: '192.0.2.60',
      headers: BROWSER,
      form: {
        token,
        areaCode: '9q8yz',
        helped: '3',
        timely: '2',
        comment: '',
      },
    });
    expect(posted.status).toBe(201);
    expect(posted.contentType).toMatch(/^text\/html/);
    expect(posted.text).toContain('<h1>Thank you</h1>');
    await published(FeedbackEvents.received.type, {
      surveyId,
      initiativeId,
      areaCode: '9q8yz',
      scores: { helped: 3, timely: 2 },
    });
  });

  it("a browser's refused form post gets a page with its status and what to do", async () => {
    const posted = await publicRequest(a, 'POST', `/surveys/${surveyId}/answers`, {
      from: '192.0.2.61',
      headers: BROWSER,
      form: { token: 'not-a-token', helped: '9' },
    });
    expect(posted.status).toBe(400);
    expect(posted.contentType).toMatch(/^text\/html/);
    expect(posted.text).toContain('scores.helped must not be greater than 5');
  });

  it('the QR code is an SVG of the public page', async () => {
    const qr = await publicRequest(a, 'GET', `/surveys/${surveyId}/qr.svg?area=9q8yy`);
    expect([qr.status, qr.contentType]).toEqual([200, expect.stringMatching(/^image\/svg\+xml/)]);
    expect(qr.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('the per-network limit holds across two instances: the next answer from that /24 is refused by either', async () => {
    const pending = await tokens(PER_NETWORK + 2);
    await waitToFill();
    const statuses: string[] = [];
    // One network (198.51.100.0/24), alternating instances and addresses within it.
    for (const [i, token] of pending.slice(0, PER_NETWORK + 1).entries()) {
      const sent = await answer(i % 2 === 0 ? a : b, token, `198.51.100.${i + 1}`);
      statuses.push(`${sent.status}${sent.json.code ? ` ${sent.json.code}` : ''}`);
    }
    const onTheOther = await answer(b, pending[PER_NETWORK + 1], '198.51.100.200');
    const elsewhere = await answer(a, (await tokensAfterFill())[0], '198.51.101.1');
    expect({ statuses, other: onTheOther.status, elsewhere: elsewhere.status }).toEqual({
      statuses: [...Array<string>(PER_NETWORK).fill('201'), '429 SURVEY_NETWORK_LIMIT'],
      other: 429,
      elsewhere: 201,
    });
  });

  it('the free-text comments are read by administrators only', async () => {
    const [auditor, partner] = await Promise.all([
      devToken('auditor'),
      devToken('partner', partnerId),
    ]);
    const comments = await admin.expect(200, 'GET', `/surveys/${surveyId}/comments`);
    expect(comments).toContainEqual({
      id: expect.any(String),
      quarter: expect.stringMatching(/^\d{4}-Q[1-4]$/),
      areaCode: '9q8yy',
      comment: 'The worker listened.',
    });
    expect((await admin.as(auditor).send('GET', `/surveys/${surveyId}/comments`)).status).toBe(403);
    expect((await admin.as(partner).send('GET', `/surveys/${surveyId}/comments`)).status).toBe(403);
  });

  it("a partner sees the surveys of its initiatives, to print the card, and no one else's", async () => {
    const partner = admin.as(await devToken('partner', partnerId));
    const stranger = admin.as(await devToken('partner', '00000000-0000-4000-8000-000000000001'));
    const listed = await partner.expect(200, 'GET', `/surveys?initiativeId=${initiativeId}`);
    expect(listed.map(({ id }: { id: string }) => id)).toContain(surveyId);
    expect(await stranger.expect(200, 'GET', '/surveys')).toEqual([]);
    expect((await stranger.send('GET', `/surveys/${surveyId}`)).status).toBe(404);
  });

  it('a closed survey publishes survey.closed and refuses answers and its form with 410', async () => {
    const survey = await openSurvey();
    const [token] = await tokens(1, survey.id);
    const closed = await admin.expect(200, 'POST', `/surveys/${survey.id}/closure`);
    expect(closed).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    await waitToFill();
    const sent = await answer(a, token, '192.0.2.70', {}, survey.id);
    const form = await publicRequest(b, 'GET', `/surveys/${survey.id}/form`);
    expect([sent.status, sent.json.code, form.status]).toEqual([410, 'SURVEY_CLOSED', 410]);
    await published(FeedbackEvents.surveyClosed.type, {
      surveyId: survey.id,
      initiativeId,
      status: 'closed',
    });
  });

  it('a pg_dump of the database holds no client address, network or hash of either from the survey', async () => {
    const [token] = await tokens(1);
    await waitToFill();
    const address = '203.0.113.77';
    expect((await answer(a, token, address)).status).toBe(201);
    // A refused answer is kept out too.
    expect((await answer(a, token, address)).status).toBe(409);

    const { stdout } = await run('pg_dump', ['--no-owner', '--no-privileges', a.env.DATABASE_URL], {
      maxBuffer: 256 * 1024 * 1024,
    });
    const dump = stdout.toLowerCase();
    const [dayKey] = await query<{ key: Buffer }>(
      a.env.DATABASE_URL,
      `SELECT key FROM survey_day_keys ORDER BY day DESC LIMIT 1`,
    );
    const texts = [address, '203.0.113.0/24', '203.0.113.', '203.0.113.0'];
    const hashes = texts.flatMap((text) => [
      createHash('sha256').update(text).digest(),
      createHmac('sha256', dayKey.key).update(text).digest(),
    ]);
    const forms = hashes.flatMap((hash) => [
      hash.toString('hex'),
      hash.toString('base64'),
      hash.toString('base64url'),
      hash.subarray(0, 4).toString('hex'),
    ]);
    expect([...texts, ...forms].filter((found) => dump.includes(found.toLowerCase()))).toEqual([]);
    // The dump does hold the addresses the audit trail records for the admin's own calls.
    expect(dump).toContain('127.0.0.1');
  });
});
