/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { crisisCall } from '../../scripts/demo/riverton';
import {
  DESKTOP,
  launchBrowser,
  newPerson,
  PHONE,
  screenshot,
  seriousViolations,
  signInAs,
} from '../support/browser';
import { ConcordSystem } from '../support/concord-system';
import { ConsoleProgramme, seedConsoleProgramme } from '../../scripts/demo/console-programme';

/**
 * The web console in a real browser (Debian's Chromium, headless) in front of the five services
 * and the console, each its own process, over the real broker and PostgreSQL. People sign in
 * through the development "Sign in as" page; the OpenID sign-in has its own test.
 */
describe('the web console', () => {
  jest.setTimeout(300_000);
  const LIVE = { timeout: 30_000 };

  let system: ConcordSystem;
  let programme: ConsoleProgramme;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    system = await ConcordSystem.start({ console: true });
    programme = await seedConsoleProgramme(system.client);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await system?.stop();
  });

  async function person(
    role: 'Partner case worker' | 'Dispatcher',
    organisation: string,
    viewport = DESKTOP,
  ): Promise<Page> {
    const context = await newPerson(browser, system.consoleUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await signInAs(page, role, organisation);
    return page;
  }

  const dispatcherOf = () => person('Dispatcher', programme.agency.name);
  const partner = (which: 'alpha' | 'bravo', viewport = DESKTOP) =>
    person('Partner case worker', programme[which].name, viewport);
  const dispatch = {
    role: 'dispatcher' as const,
    get org() {
      return programme.agency.id;
    },
  };

  /** Fills the New referral form the way a dispatcher would, for a call from downtown Riverton. */
  async function fillNewReferral(page: Page, incident: string): Promise<void> {
    await page.goto('/referrals/new');
    await page.getByLabel('Incident reference (CAD)').fill(incident);
    await page.getByLabel('Category').selectOption({ label: 'Mental health crisis' });
    await page.getByLabel('Urgency').selectOption({ label: 'Immediate' });
    await page.getByLabel('What happened').fill('Man in distress on the plaza; no weapon seen.');
    await page.getByLabel('Latitude').fill('45.519');
    await page.getByLabel('Longitude').fill('-122.679');
    await page.getByLabel('Address (optional)').fill('1120 SW 5th Ave, Riverton');
    await page.getByLabel('Name', { exact: true }).fill('Sam Okafor');
    await page.getByLabel('Phone (optional)').fill('+1 503 555 0142');
    await page.getByLabel('Contact preference').selectOption({ label: 'Phone' });
    await page.getByRole('radio', { name: 'Yes, consent was obtained' }).check();
    await page.getByLabel('How consent was obtained').selectOption({ label: 'Verbal' });
    await page.getByLabel('Obtained by').fill('Officer L. Park #2271');
  }

  const referralIdOf = (page: Page): string =>
    new URL(page.url()).pathname.split('/').pop() as string;

  /** The partner the referral is offered to now, as dispatch reads it over the API. */
  async function offeredTo(referralId: string): Promise<string> {
    return system.client.until('the referral to be offered', async () => {
      const view = await system.client.call(
        dispatch,
        'referrals',
        'GET',
        `/referrals/${referralId}`,
      );
      const assignment = view.assignment as { partnerId: string } | null;
      return view.status === 'offered' && assignment ? assignment.partnerId : undefined;
    });
  }

  async function stepInDialog(
    page: Page,
    opener: string,
    dialogName: string,
    fill?: () => Promise<unknown>,
  ) {
    await page.getByRole('button', { name: opener, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: dialogName });
    await fill?.();
    await dialog.getByRole('button', { name: dialogName }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('carries a crisis call from the dispatcher’s form to the partner’s live queue, and every step back to the dispatcher', async () => {
    const dispatcher = await dispatcherOf();
    const alpha = await partner('alpha');
    const bravo = await partner('bravo');
    for (const page of [alpha, bravo]) await page.getByRole('tab', { name: /^Offered/ }).waitFor();
    const incident = `RPD-${Date.now()}`;

    await fillNewReferral(dispatcher, incident);
    await dispatcher.getByRole('button', { name: 'Submit referral' }).click();
    await dispatcher.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    const referralId = referralIdOf(dispatcher);
    const holder = (await offeredTo(referralId)) === programme.alpha.id ? alpha : bravo;

    // Without a reload: the push tells the queue, which re-reads it.
    const row = holder.getByRole('link', { name: /Mental health crisis referral received/ });
    await row.waitFor(LIVE);
    await holder.getByRole('tab', { name: 'Offered 1' }).waitFor(LIVE);
    await holder.getByRole('timer').first().waitFor();
    await row.click();
    await holder.waitForURL(`**/referrals/${referralId}`);
    await stepInDialog(holder, 'Accept', 'Accept referral');
    await stepInDialog(holder, 'Record contact', 'Record contact');
    await stepInDialog(holder, 'Complete', 'Complete referral', () =>
      holder.getByLabel('Outcome').selectOption({ label: 'Successful' }),
    );
    await holder.getByRole('heading', { name: /Completed/ }).waitFor();

    await dispatcher.getByRole('heading', { name: /Completed/ }).waitFor(LIVE);
    for (const step of ['submitted', 'assigned', 'accepted', 'in progress', 'completed']) {
      await dispatcher
        .getByRole('listitem')
        .filter({ hasText: `Referral ${step}` })
        .first()
        .waitFor(LIVE);
    }
    await dispatcher.goto('/referrals');
    await dispatcher
      .getByRole('row')
      .filter({ hasText: incident })
      .getByText('Completed')
      .waitFor(LIVE);
  });

  it('re-routes a declined referral, and the second partner’s queue shows it live', async () => {
    const alpha = await partner('alpha');
    const bravo = await partner('bravo');
    const created = await system.client.call(
      dispatch,
      'referrals',
      'POST',
      '/referrals',
      crisisCall(),
    );
    const referralId = created.id as string;
    const first = (await offeredTo(referralId)) === programme.alpha.id ? 'alpha' : 'bravo';
    const [decliner, receiver] = first === 'alpha' ? [alpha, bravo] : [bravo, alpha];
    await receiver.getByRole('tab', { name: /^Offered/ }).waitFor();

    await decliner.goto(`/referrals/${referralId}`);
    await stepInDialog(decliner, 'Decline', 'Decline referral', () =>
      decliner.getByLabel('Reason').selectOption({ label: 'No capacity' }),
    );
    await decliner.getByRole('heading', { name: /Declined/ }).waitFor();

    await receiver
      .getByRole('link', { name: /Mental health crisis referral received/ })
      .first()
      .waitFor(LIVE);
    const offers = await system.client.call<{ items: { id: string }[] }>(
      { role: 'partner', org: programme[first === 'alpha' ? 'bravo' : 'alpha'].id },
      'referrals',
      'GET',
      '/referrals?status=offered&limit=100',
    );
    expect(offers.items.map((item) => item.id)).toContain(referralId);
  });

  it('makes one referral of a double click on Submit', async () => {
    const dispatcher = await dispatcherOf();
    const incident = `RPD-DOUBLE-${Date.now()}`;
    await fillNewReferral(dispatcher, incident);

    await dispatcher.getByRole('button', { name: 'Submit referral' }).dblclick();
    await dispatcher.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);

    const list = await system.client.call<{ items: { incidentReference: string }[] }>(
      dispatch,
      'referrals',
      'GET',
      '/referrals?limit=100',
    );
    expect(list.items.filter((item) => item.incidentReference === incident)).toHaveLength(1);
  });

  it('shows the API’s field errors next to the fields of the form', async () => {
    const dispatcher = await dispatcherOf();
    await fillNewReferral(dispatcher, `RPD-${Date.now()}`);
    await dispatcher.getByLabel('Latitude').fill('north');

    await dispatcher.getByRole('button', { name: 'Submit referral' }).click();

    const latitude = dispatcher.getByLabel('Latitude');
    await dispatcher
      .getByText(/location\.latitude must be/)
      .first()
      .waitFor();
    expect(await latitude.getAttribute('aria-invalid')).toBe('true');
  });

  /** Submits calls over the API until each partner holds one offer; their ids by partner. */
  async function oneOfferedToEach(): Promise<{ alpha: string; bravo: string }> {
    const held: Partial<Record<'alpha' | 'bravo', string>> = {};
    for (let attempt = 0; attempt < 6 && !(held.alpha && held.bravo); attempt++) {
      const created = await system.client.call(
        dispatch,
        'referrals',
        'POST',
        '/referrals',
        crisisCall(),
      );
      const holder =
        (await offeredTo(created.id as string)) === programme.alpha.id ? 'alpha' : 'bravo';
      held[holder] ??= created.id as string;
    }
    if (!held.alpha || !held.bravo)
      throw new Error(`the offers did not reach both partners: ${JSON.stringify(held)}`);
    return { alpha: held.alpha, bravo: held.bravo };
  }

  it('never shows a partner another partner’s referral, nor a field its agreement does not share', async () => {
    const offers = await oneOfferedToEach();
    const person = (crisisCall().person as { name: string }).name;
    const narrative = (crisisCall().narrative as string).slice(0, 40);
    const seen: Record<string, unknown> = {};

    for (const [key, other] of [
      ['alpha', 'bravo'],
      ['bravo', 'alpha'],
    ] as const) {
      const page = await partner(key);
      await page
        .getByRole('link', { name: /referral received/ })
        .first()
        .waitFor(LIVE);
      const listsOthers = (await page.locator(`a[href="/referrals/${offers[other]}"]`).count()) > 0;
      await page.goto(`/referrals/${offers[other]}`);
      await page.getByRole('alert').waitFor();
      const opensOthers = (await page.getByText(person).count()) > 0;
      await page.goto(`/referrals/${offers[key]}`);
      await page.getByRole('heading', { name: /Offered/ }).waitFor();
      seen[key] = {
        listsOthers,
        opensOthers,
        name: (await page.getByText(person).count()) > 0,
        narrative: (await page.getByText(narrative).count()) > 0,
      };
    }

    // Alpha's agreement shares the name and the narrative; Bravo's only the contact preference.
    expect(seen).toEqual({
      alpha: { listsOthers: false, opensOthers: false, name: true, narrative: true },
      bravo: { listsOthers: false, opensOthers: false, name: false, narrative: false },
    });
  });

  it('shows each role only what it may do in the navigation', async () => {
    const links = async (page: Page) =>
      page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

    const byRole = {
      partner: await links(await partner('alpha')),
      dispatcher: await links(await dispatcherOf()),
    };

    expect(byRole).toEqual({
      partner: ['Referral queue', 'Joint activities'],
      dispatcher: ['New referral', 'Referrals'],
    });
  });

  it('sorts the queue and moves between its tabs by keyboard, saying the order in aria-sort', async () => {
    await oneOfferedToEach();
    const page = await partner('alpha');
    await page
      .getByRole('link', { name: /referral received/ })
      .first()
      .waitFor(LIVE);
    const urgency = page.getByRole('columnheader', { name: /Urgency/ });

    await urgency.getByRole('button').focus();
    await page.keyboard.press('Enter');
    const first = await urgency.getAttribute('aria-sort');
    await page.keyboard.press('Enter');
    const second = await urgency.getAttribute('aria-sort');
    await page.getByRole('tab', { name: /^Offered/ }).focus();
    await page.keyboard.press('ArrowRight');
    const accepted = page.getByRole('tab', { name: /^Accepted/, selected: true });
    await accepted.waitFor();
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');

    expect({ first, second, focused }).toEqual({
      first: 'ascending',
      second: 'descending',
      focused: expect.stringMatching(/^Accepted/),
    });
  });

  it('filters the queue by urgency, and says so when no referral matches', async () => {
    await oneOfferedToEach();
    const page = await partner('alpha');
    await page
      .getByRole('link', { name: /referral received/ })
      .first()
      .waitFor(LIVE);

    await page.getByLabel('Urgency').selectOption({ label: 'Routine' });

    await page.getByText('No offered referrals match these filters.').waitFor();
    expect(new URL(page.url()).searchParams.get('urgency')).toBe('routine');
    expect(await page.getByRole('tab', { name: 'Offered 0' }).count()).toBe(1);
  });

  it('tells a role what it cannot do: an auditor has no partner queue', async () => {
    const context = await newPerson(browser, system.consoleUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signInAs(page, 'Auditor');

    await page.goto('/queue');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The auditor role cannot use the partner queue');
  });

  it('lets a dispatcher cancel a referral once it is confirmed in an alert dialog named after the step', async () => {
    const created = await system.client.call(
      dispatch,
      'referrals',
      'POST',
      '/referrals',
      crisisCall(),
    );
    const dispatcher = await dispatcherOf();
    await dispatcher.goto(`/referrals/${created.id as string}`);

    await dispatcher.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = dispatcher.getByRole('alertdialog', { name: 'Cancel referral' });
    await dialog.getByLabel('Reason').fill('The caller withdrew the request.');
    await dialog.getByRole('button', { name: 'Cancel referral' }).click();

    await dispatcher.getByRole('heading', { name: /Cancelled/ }).waitFor(LIVE);
    const view = await system.client.call(
      dispatch,
      'referrals',
      'GET',
      `/referrals/${created.id as string}`,
    );
    expect(view).toMatchObject({
      status: 'cancelled',
      cancelReason: 'The caller withdrew the request.',
    });
  });

  it('shows the 409 message in the dialog when another step got there first', async () => {
    const created = await system.client.call(
      dispatch,
      'referrals',
      'POST',
      '/referrals',
      crisisCall(),
    );
    const referralId = created.id as string;
    const holderKey = (await offeredTo(referralId)) === programme.alpha.id ? 'alpha' : 'bravo';
    const page = await partner(holderKey);
    await page.goto(`/referrals/${referralId}`);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept referral' });
    await dialog.waitFor();

    // A colleague accepts it meanwhile, from another screen.
    await system.client.call(
      { role: 'partner', org: programme[holderKey].id },
      'referrals',
      'POST',
      `/referrals/${referralId}/accept`,
    );
    await dialog.getByRole('button', { name: 'Accept referral' }).click();

    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('it is accepted');
  });

  it('catches a browser that reconnects up with the changes it missed (Last-Event-ID)', async () => {
    const dispatcher = await dispatcherOf();
    const cookies = await dispatcher.context().cookies();
    const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
    const submit = async () =>
      (await system.client.call(dispatch, 'referrals', 'POST', '/referrals', crisisCall()))
        .id as string;
    const seen = await changesUntil(cookie, undefined, submit);
    const lastEventId = seen[seen.length - 1].id;

    // Disconnected: a referral is submitted and assigned.
    const missed = await submit();
    await offeredTo(missed);
    const caughtUp = await changesUntil(cookie, lastEventId, async () => missed);

    expect(caughtUp.every((frame) => BigInt(frame.id) > BigInt(lastEventId))).toBe(true);
    expect(caughtUp.map((frame) => frame.referralId)).toContain(missed);
  });

  /**
   * Reads GET /events (as EventSource would) until a change of the referral that `connected`
   * names, once the stream is open, arrives.
   */
  async function changesUntil(
    cookie: string,
    lastEventId: string | undefined,
    connected: () => Promise<string>,
  ): Promise<{ id: string; referralId: string }[]> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 30_000);
    const answer = await fetch(`${system.consoleUrl}/events`, {
      headers: { cookie, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    const referralId = await connected();
    const frames: { id: string; referralId: string }[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          if (field('event') !== 'referral-changed') continue;
          frames.push({
            id: field('id') as string,
            referralId: (JSON.parse(field('data') as string) as { referralId: string }).referralId,
          });
          if (frames[frames.length - 1].referralId === referralId) return frames;
        }
      }
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    throw new Error(`the stream ended before a change of ${referralId}: ${JSON.stringify(frames)}`);
  }

  it('finds no serious or critical accessibility violation on any screen, with data on it', async () => {
    const created = await system.client.call(
      dispatch,
      'referrals',
      'POST',
      '/referrals',
      crisisCall(),
    );
    const referralId = created.id as string;
    const holderKey = (await offeredTo(referralId)) === programme.alpha.id ? 'alpha' : 'bravo';
    const found: Record<string, string[]> = {};

    const signedOut = await (await newPerson(browser, system.consoleUrl)).newPage();
    await signedOut.goto('/');
    await signedOut.getByRole('button', { name: 'Sign in' }).waitFor();
    found['sign-in'] = await seriousViolations(signedOut);
    await signedOut.context().close();

    const holder = await partner(holderKey);
    await holder
      .getByRole('link', { name: /referral received/ })
      .first()
      .waitFor(LIVE);
    found.queue = await seriousViolations(holder);
    await holder.goto(`/referrals/${referralId}`);
    await holder.getByRole('button', { name: 'Accept', exact: true }).waitFor();
    found['partner referral'] = await seriousViolations(holder);
    await holder.getByRole('button', { name: 'Decline', exact: true }).click();
    await holder.getByRole('dialog', { name: 'Decline referral' }).waitFor();
    found['decline dialog'] = await seriousViolations(holder);

    const dispatcher = await dispatcherOf();
    await dispatcher.getByRole('row').nth(1).waitFor();
    found['referrals list'] = await seriousViolations(dispatcher);
    await dispatcher.goto(`/referrals/${referralId}`);
    await dispatcher.getByRole('heading', { name: 'Timeline' }).waitFor();
    found['dispatcher referral'] = await seriousViolations(dispatcher);
    await dispatcher.goto('/referrals/new');
    await dispatcher.getByRole('button', { name: 'Submit referral' }).click();
    await dispatcher.getByRole('alert').first().waitFor();
    found['new referral with errors'] = await seriousViolations(dispatcher);

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
  });

  it('saves a screenshot of every main screen at desktop and phone width (docs/console)', async () => {
    const created = await system.client.call(
      dispatch,
      'referrals',
      'POST',
      '/referrals',
      crisisCall(),
    );
    const referralId = created.id as string;
    const holderKey = (await offeredTo(referralId)) === programme.alpha.id ? 'alpha' : 'bravo';
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const signedOut = await (await newPerson(browser, system.consoleUrl, viewport)).newPage();
      await signedOut.goto('/');
      await signedOut.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(signedOut, `sign-in-${width}`);
      await signedOut.context().close();

      const holder = await partner(holderKey, viewport);
      await holder
        .getByRole('link', { name: /referral received/ })
        .first()
        .waitFor(LIVE);
      await screenshot(holder, `partner-queue-${width}`);
      await holder.goto(`/referrals/${referralId}`);
      await holder.getByRole('button', { name: 'Accept', exact: true }).waitFor();
      await screenshot(holder, `partner-referral-${width}`);

      const dispatcher = await person('Dispatcher', programme.agency.name, viewport);
      await dispatcher.getByRole('row').nth(1).waitFor();
      await screenshot(dispatcher, `dispatcher-referrals-${width}`);
      await dispatcher.goto('/referrals/new');
      await dispatcher.getByRole('button', { name: 'Submit referral' }).waitFor();
      await screenshot(dispatcher, `new-referral-${width}`);
      await dispatcher.goto(`/referrals/${referralId}`);
      await dispatcher.getByRole('heading', { name: 'Timeline' }).waitFor();
      await dispatcher
        .getByRole('listitem')
        .filter({ hasText: 'Referral assigned' })
        .first()
        .waitFor(LIVE);
      await screenshot(dispatcher, `dispatcher-referral-${width}`);
    }
  });
});
