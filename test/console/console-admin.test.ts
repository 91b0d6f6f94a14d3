/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ConsoleProgramme, seedConsoleProgramme } from '../../scripts/demo/console-programme';
import { Json, untilRoutingKnows } from '@concord/testing';
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
import { hsdsOrganizationOf } from '../../apps/agreements/src/hsds/hsds-export.mapper';
import {
  CONCORD_ORGANIZATIONS,
  LAKESHORE_211_CATEGORY_MAPPING,
  LAKESHORE_211_ORGANIZATION,
  LAKESHORE_211_REJECTED_SERVICE_IDS,
} from '../../apps/agreements/src/hsds/hsds-test-fixtures';

/**
 * The administrator's and auditor's console in a real browser (Debian's Chromium, headless) in
 * front of the five services and the console, over the real broker and PostgreSQL. The tests run
 * in order and build on each other: the partner set up in the first is suspended in the second,
 * runs out of money in the third and is audited in the fourth.
 */
describe('the web console for administrators and auditors', () => {
  jest.setTimeout(300_000);
  const LIVE = { timeout: 30_000 };

  let system: ConcordSystem;
  let programme: ConsoleProgramme;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const admin = { role: 'admin' as const };
  const dispatch = {
    role: 'dispatcher' as const,
    get org() {
      return programme.agency.id;
    },
  };

  /** The partner the administrator registers: a housing outreach team east of the city. */
  const suffix = Date.now().toString(36).slice(-4);
  const LAKESIDE = {
    name: `Lakeside Outreach ${suffix}`,
    initiative: `Lakeside housing ${suffix}`,
    source: `Lakeside grant ${suffix}`,
    area: {
      type: 'Polygon',
      coordinates: [
        [
          [-122.5, 45.45],
          [-122.4, 45.45],
          [-122.4, 45.55],
          [-122.5, 45.55],
          [-122.5, 45.45],
        ],
      ],
    },
  };
  const lakeside = {
    id: '',
    agreementId: '',
    budgetId: '',
    firstReferral: { id: '', incident: '' },
  };

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
    role: 'Programme administrator' | 'Auditor' | 'Dispatcher' | 'Partner case worker',
    organisation?: string,
    viewport = DESKTOP,
  ): Promise<Page> {
    const context = await newPerson(browser, system.consoleUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await signInAs(page, role, organisation);
    return page;
  }
  const administrator = (viewport = DESKTOP) =>
    person('Programme administrator', undefined, viewport);

  /** A homelessness call from inside Lakeside's area, handed over by dispatch over the API. */
  async function lakesideCall(): Promise<{ id: string; areaCode: string; incident: string }> {
    const incident = `RPD-L-${Date.now()}`;
    const created = await system.client.call(dispatch, 'referrals', 'POST', '/referrals', {
      incidentReference: incident,
      category: 'homelessness',
      urgency: 'same-day',
      location: { latitude: 45.5, longitude: -122.45 },
      person: { name: 'Ana Lima', age: 41 },
      contactPreference: 'in-person',
      consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer K. Dube #1180' },
      narrative: 'Sleeping in a doorway in the cold; asks for a shelter bed.',
    });
    return { id: created.id as string, areaCode: created.areaCode as string, incident };
  }

  const referral = (id: string) =>
    system.client.call(dispatch, 'referrals', 'GET', `/referrals/${id}`);

  /** Waits for the engine to settle the referral: offered (to whom) or unassignable. */
  const settled = (id: string) =>
    system.client.until(`referral ${id} to be offered or unassignable`, async () => {
      const view = await referral(id);
      if (view.status === 'unassignable') return 'unassignable';
      const assignment = view.assignment as { partnerId: string } | null;
      return view.status === 'offered' && assignment ? assignment.partnerId : undefined;
    });

  /** Expects the referral to settle as `expected`; when it does not, the error tells its story. */
  async function expectSettled(id: string, expected: string): Promise<void> {
    const actual = await settled(id);
    if (actual === expected) return;
    const timeline = await system.client.call<{ events: Json[] }>(
      admin,
      'insights',
      'GET',
      `/referrals/${id}/timeline`,
    );
    const story = timeline.events.map(
      (event) => `${event.type as string} ${JSON.stringify(event.data)}`,
    );
    throw new Error(`referral ${id} settled as ${actual}, not ${expected}:\n${story.join('\n')}`);
  }

  /** Waits until the referrals service routes by the budget's state (exhausted or not). */
  const untilRoutingSeesBudget = (exhausted: boolean) =>
    system.client.until(
      `routing to see the budget ${exhausted ? 'exhausted' : 'funded'}`,
      async () => {
        const known = await system.client.call(
          admin,
          'referrals',
          'GET',
          `/routing/budgets/${lakeside.budgetId}`,
        );
        return known.exhausted === exhausted ? true : undefined;
      },
    );

  const idFromUrl = (page: Page) => new URL(page.url()).pathname.split('/').pop() as string;

  async function inDialog(page: Page, opener: string, title: string, fill?: () => Promise<void>) {
    await page.getByRole('button', { name: opener, exact: true }).click();
    const dialog = page.getByRole(title.startsWith('Terminate') ? 'alertdialog' : 'dialog', {
      name: title,
    });
    await dialog.waitFor();
    await fill?.();
    await dialog.getByRole('button', { name: title }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('lets an administrator set up a partner with a pasted area, an initiative, a budget and a signed agreement; a referral in the area then reaches it and the map shows the area and the referral’s cell', async () => {
    const page = await administrator();

    await page.goto('/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill(LAKESIDE.name);
    await page.getByLabel('Type').selectOption({ label: 'Housing' });
    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByLabel('Service name').fill('Street outreach');
    await page.getByLabel('Category').selectOption({ label: 'Homelessness' });
    await page.getByLabel('Capacity (open cases at once)').fill('10');
    await page.getByLabel('Service area (GeoJSON)').fill(JSON.stringify(LAKESIDE.area));
    await page.getByRole('region', { name: "Map of this organisation's service areas" }).waitFor();
    await page.getByRole('button', { name: 'Register organisation' }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    lakeside.id = idFromUrl(page);
    await page.getByRole('heading', { name: LAKESIDE.name }).waitFor();

    await page.goto('/initiatives');
    await page.getByLabel('Initiative name').fill(LAKESIDE.initiative);
    await page.getByLabel('Lead agency').selectOption({ label: programme.agency.name });
    await page.getByRole('checkbox', { name: LAKESIDE.name }).check();
    await page.getByRole('checkbox', { name: 'Homelessness' }).check();
    await page.getByLabel('Period from').fill('2026-01-01');
    await page.getByLabel('Period to').fill('2028-12-31');
    await page
      .getByLabel('KPI', { exact: true })
      .selectOption({ label: 'Median time to accept (min)' });
    await page.getByLabel('Target', { exact: true }).fill('30');
    await page.getByRole('button', { name: 'Add target' }).click();
    await page.getByRole('button', { name: 'Create initiative' }).click();
    await page.getByRole('status').filter({ hasText: 'created' }).waitFor();
    await page.getByRole('cell', { name: LAKESIDE.initiative }).waitFor();

    await page.goto('/funding');
    await page.getByLabel('Source name').fill(LAKESIDE.source);
    await page.getByLabel('Funder').fill('Riverton Housing Trust');
    await page.getByLabel('Kind').selectOption({ label: 'Foundation' });
    await page.getByLabel('Award (USD)').fill('10,000');
    await page.getByLabel('Period from').fill('2026-01-01');
    await page.getByLabel('Period to').fill('2028-12-31');
    await page.getByRole('button', { name: 'Create funding source' }).click();
    await page.getByRole('status').filter({ hasText: 'Funding source' }).waitFor();
    // One case's worth: the budget runs out with the first open offer (the third test).
    await page.getByLabel('Initiative').selectOption({ label: LAKESIDE.initiative });
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: LAKESIDE.name });
    await page.getByLabel('Cost per case (USD)').fill('300');
    await page
      .getByLabel('Paid from')
      .selectOption({ label: `${LAKESIDE.source} ($10,000.00 left)` });
    await page.getByLabel('Amount (USD)').fill('300');
    await page.getByRole('button', { name: 'Open budget' }).click();
    await page.getByRole('status').filter({ hasText: 'Budget opened' }).waitFor();
    const budgets = await system.client.call<Json[]>(
      admin,
      'funding',
      'GET',
      `/budgets?partnerId=${lakeside.id}`,
    );
    lakeside.budgetId = budgets[0].id as string;

    await page.goto('/agreements/new');
    await page.getByLabel('Initiative').selectOption({ label: LAKESIDE.initiative });
    await page.getByLabel('Partner', { exact: true }).selectOption({ label: LAKESIDE.name });
    await page.getByRole('checkbox', { name: 'Homelessness' }).check();
    await page.getByRole('checkbox', { name: 'person.name' }).check();
    const from = new Date(Date.now() - 120_000).toISOString().slice(0, 16);
    await page.getByLabel('In force from').fill(from);
    await page.getByRole('button', { name: 'Check your answers' }).click();
    await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
    await page.getByRole('button', { name: 'Create draft agreement' }).click();
    await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
    lakeside.agreementId = idFromUrl(page);
    for (const party of ['agency', 'partner']) {
      await inDialog(page, 'Sign', 'Record signature', async () => {
        await page.getByLabel('Party').selectOption(party);
        await page.getByLabel("Signatory's name").fill(`${party} director`);
        await page.getByLabel("Signatory's title").fill('Director');
      });
    }
    await page.getByRole('heading', { name: /Active/ }).waitFor(LIVE);
    await untilRoutingKnows(system.client, { agreements: [lakeside.agreementId] });

    const call = await lakesideCall();
    await expectSettled(call.id, lakeside.id);
    lakeside.firstReferral = call;

    await page.goto('/map');
    const map = page.getByRole('region', {
      name: "Map of partners' service areas and referrals by area code",
    });
    await map.waitFor();
    await map.locator(`[data-area^="${LAKESIDE.name}: Street outreach"]`).waitFor();
    await map.locator(`[data-cell="${call.areaCode}"]`).waitFor(LIVE);
    const row = page.getByRole('row').filter({ hasText: call.areaCode });
    await expect(row.getByRole('cell').nth(6).textContent()).resolves.toContain(LAKESIDE.name);
  });

  it('lets an administrator draw a service area by clicking its corners, as GeoJSON', async () => {
    const page = await administrator();
    await page.goto('/organisations/new');
    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByRole('button', { name: 'Draw the area of service 1 on a map' }).click();
    const drawing = page.getByRole('img', { name: 'Drawing a service area' });
    for (const [x, y] of [
      [100, 100],
      [300, 100],
      [300, 250],
      [100, 250],
    ]) {
      await drawing.click({ position: { x, y } });
    }
    await page.getByRole('button', { name: 'Finish shape' }).click();
    const area = JSON.parse(await page.getByLabel('Service area (GeoJSON)').inputValue()) as {
      type: string;
      coordinates: [number, number][][];
    };
    expect(area.type).toBe('Polygon');
    const [ring] = area.coordinates;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    // Clicked left to right and top to bottom: west to east, north to south.
    expect(ring[1][0]).toBeGreaterThan(ring[0][0]);
    expect(ring[2][1]).toBeLessThan(ring[1][1]);
    await page.getByRole('region', { name: "Map of this organisation's service areas" }).waitFor();
  });

  it('re-routes the partner’s open offer when its agreement is suspended, and the dashboard and the stuck list show what happened', async () => {
    // The first test's referral is still offered to Lakeside, holding its budget's one case.
    const call = lakeside.firstReferral;
    await expectSettled(call.id, lakeside.id);
    const page = await administrator();

    await page.goto(`/agreements/${lakeside.agreementId}`);
    await inDialog(page, 'Suspend', 'Suspend agreement', () =>
      page.getByLabel('Reason').fill('Staffing review after a complaint'),
    );
    await page.getByRole('heading', { name: /Suspended/ }).waitFor(LIVE);
    await page.getByText('Staffing review after a complaint').first().waitFor();
    // Withdrawn from the partner, sent back to the engine, and no one else serves the area.
    await expectSettled(call.id, 'unassignable');

    await page.goto('/dashboard');
    await page.getByLabel('Initiative').selectOption({ label: LAKESIDE.initiative });
    const figure = (name: string) =>
      page
        .locator('.figure')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('dd');
    await system.client.until('the dashboard to count the withdrawn offer', async () => {
      await page.getByRole('button', { name: 'Refresh the figures' }).click();
      return (await figure('Offers withdrawn').textContent()) === '1' ? true : undefined;
    });
    await page
      .getByRole('listitem')
      .filter({ hasText: LAKESIDE.name })
      .getByText('Suspended')
      .waitFor();

    await page.goto('/stuck');
    const unassignable = page.getByRole('table', { name: 'Unassignable referrals' });
    const row = unassignable.getByRole('row').filter({ hasText: call.id.slice(0, 8) });
    await row.waitFor(LIVE);
    await row.getByRole('button', { name: /Why partners were ruled out/ }).click();
    await row
      .getByRole('listitem')
      .filter({ hasText: LAKESIDE.name })
      .getByText(/Agreement not in force/)
      .waitFor();

    await page.goto(`/agreements/${lakeside.agreementId}`);
    await inDialog(page, 'Resume', 'Resume agreement');
    await page.getByRole('heading', { name: /Active/ }).waitFor(LIVE);
    await untilRoutingKnows(system.client, { agreements: [lakeside.agreementId] });
    const runsBefore = await system.client.call<Json[]>(
      admin,
      'referrals',
      'GET',
      `/referrals/${call.id}/decisions`,
    );
    await page.goto('/stuck');
    await page
      .getByRole('table', { name: 'Unassignable referrals' })
      .getByRole('row')
      .filter({ hasText: call.id.slice(0, 8) })
      .getByRole('button', { name: /Retry assignment/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Retry assignment' });
    await dialog.getByRole('button', { name: 'Retry assignment' }).click();
    await page.getByRole('status').filter({ hasText: 'The engine runs again' }).waitFor();
    await system.client.until('the engine to run again', async () => {
      const runs = await system.client.call<Json[]>(
        admin,
        'referrals',
        'GET',
        `/referrals/${call.id}/decisions`,
      );
      return runs.length > runsBefore.length ? true : undefined;
    });
  });

  it('shows a budget running out on the dashboard, and a top-up resumes routing', async () => {
    // The suspension released the first referral's reservation; this offer holds the one case.
    await untilRoutingSeesBudget(false);
    const held = await lakesideCall();
    await expectSettled(held.id, lakeside.id);
    await untilRoutingSeesBudget(true);
    const page = await administrator();
    await page.goto('/dashboard');
    await page.getByLabel('Initiative').selectOption({ label: LAKESIDE.initiative });
    const notice = page
      .getByRole('status')
      .filter({ hasText: `${LAKESIDE.name}'s budget is exhausted` });
    await notice.waitFor(LIVE);
    await page
      .getByRole('table', { name: 'Budgets of the initiative' })
      .getByRole('row')
      .filter({ hasText: LAKESIDE.name })
      .getByText('Exhausted')
      .waitFor();
    const refused = await lakesideCall();
    await expectSettled(refused.id, 'unassignable');

    await notice.getByRole('link', { name: 'Top up the budget' }).click();
    await page.waitForURL(`**/budgets/${lakeside.budgetId}`);
    await inDialog(page, 'Top up', 'Top up budget', async () => {
      const paidFrom = page.getByLabel('Paid from');
      const lakesideGrant = paidFrom.locator('option', { hasText: LAKESIDE.source });
      await paidFrom.selectOption((await lakesideGrant.getAttribute('value')) as string);
      await page.getByLabel('Amount (USD)').fill('600');
    });
    await page.getByRole('status').filter({ hasText: 'Topped up by $600.00' }).waitFor();
    await page
      .getByRole('table', { name: 'Ledger entries' })
      .getByText('$600.00')
      .first()
      .waitFor();
    await untilRoutingSeesBudget(false);
    const routed = await lakesideCall();
    await expectSettled(routed.id, lakeside.id);
  });

  it('lets an auditor find the partner’s read of a referral in the trail, and export it', async () => {
    const call = await lakesideCall();
    await expectSettled(call.id, lakeside.id);
    await system.client.call(
      { role: 'partner', org: lakeside.id },
      'referrals',
      'GET',
      `/referrals/${call.id}`,
    );
    const page = await person('Auditor');
    await page.goto('/audit');
    await page.getByLabel("Person (their referral's id)").fill(call.id);
    await page.getByRole('button', { name: 'Search the trail' }).click();
    const read = page
      .getByRole('table', { name: 'Audit records' })
      .getByRole('row')
      .filter({ hasText: 'referral.read-person' })
      .filter({ hasText: LAKESIDE.name });
    await read.first().waitFor(LIVE);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export the referrals trail as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const reads = csv.split(/\r?\n/).filter((line) => line.includes('referral.read-person'));
    expect(reads.some((line) => line.includes(call.id) && line.includes(lakeside.id))).toBe(true);
  });

  it('answers a dispatcher or a partner who types an administrator’s address with the 403 page, and loads no data', async () => {
    for (const [role, organisation, path] of [
      ['Dispatcher', programme.agency.name, '/dashboard'],
      ['Partner case worker', programme.alpha.name, '/audit'],
      ['Partner case worker', programme.alpha.name, `/agreements/${lakeside.agreementId}`],
    ] as const) {
      const page = await person(role, organisation);
      await page.waitForLoadState('networkidle');
      const calls: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) calls.push(request.url());
      });
      await page.goto(path);
      await page.getByRole('heading', { name: '403: not for your role' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path, calls }).toEqual({ path, calls: [] });
    }
  });

  it('exports a list as the administrator reads it, as CSV', async () => {
    const page = await administrator();
    await page.goto('/organisations');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export organisations as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('Organisation,Type,Services,Capacity,Updated');
    expect(
      rows.find((row) =>
        row.startsWith(`${LAKESIDE.name},housing,Street outreach (Homelessness),10,`),
      ),
    ).toBeDefined();
  });

  it('lets an administrator check an HSDS directory with a dry run, follow its progress, read why each refused record is refused, import it and export the directory', async () => {
    const page = await administrator();
    await page.goto('/directory');
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the directory (HSDS 3.0 JSON)' }).click(),
    ]);
    const directory = JSON.parse(readFileSync((await exported.path()) as string, 'utf8')) as {
      organizations: Json[];
    };
    const listed = await system.client.call(admin, 'agreements', 'GET', '/hsds/organizations');
    expect(directory.organizations).toHaveLength(listed.total_items as number);
    expect(directory.organizations.length).toBeGreaterThan(0);

    // A large file first, as a dry run: long enough to watch, and nothing is written.
    const bulk = Array.from({ length: 400 }, (_, index) =>
      hsdsOrganizationOf(
        { ...CONCORD_ORGANIZATIONS[0], id: randomUUID(), name: `Bulk partner ${index}` },
        new Date(),
      ),
    );
    await page.getByLabel('HSDS file (JSON)').setInputFiles({
      name: 'lakeshore-211.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ organizations: [LAKESHORE_211_ORGANIZATION, ...bulk] })),
    });
    await page.getByText('What the file may not say (options)').click();
    await page.getByLabel('Category of each taxonomy code').fill(
      Object.entries(LAKESHORE_211_CATEGORY_MAPPING)
        .map(([code, category]) => `${code} = ${category}`)
        .join('\n'),
    );
    await page.getByLabel('Capacity of a service that states none').fill('20');
    await page.getByLabel(/^Time zone of schedules/).fill('America/Chicago');
    await page
      .getByLabel('Type of an organisation that states none')
      .selectOption('mental-health-provider');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('progressbar').waitFor(LIVE);
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor(LIVE);
    await screenshot(page, 'admin-directory-dry-run-desktop');
    const refused = page.getByRole('table', { name: 'Refused records' });
    for (const id of LAKESHORE_211_REJECTED_SERVICE_IDS) {
      await expect(
        refused.getByRole('row').filter({ hasText: id }).count(),
      ).resolves.toBeGreaterThan(0);
    }
    expect(
      (await system.client.call(admin, 'agreements', 'GET', '/hsds/organizations?search=Bulk'))
        .total_items,
    ).toBe(0);

    // Then the 211's own file, checked and imported.
    await page.getByLabel('HSDS file (JSON)').setInputFiles({
      name: 'cedar-hollow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ organizations: [LAKESHORE_211_ORGANIZATION] })),
    });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor(LIVE);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'What the import did' }).waitFor(LIVE);
    await expect(
      page
        .getByRole('row', { name: /New partners/ })
        .getByRole('cell')
        .textContent(),
    ).resolves.toBe('1');
    await page.goto('/organisations');
    await page.getByRole('link', { name: LAKESHORE_211_ORGANIZATION.name }).waitFor(LIVE);
  });

  /** Every administrator and auditor screen, with data on it, as `visit` leaves it. */
  const SCREENS: [name: string, visit: (page: Page) => Promise<void>][] = [
    [
      'dashboard',
      async (page) => {
        await page.goto('/dashboard');
        await page.getByLabel('Initiative').selectOption({ label: LAKESIDE.initiative });
        await page.getByRole('table', { name: 'Budgets of the initiative' }).waitFor(LIVE);
        await page.getByRole('figure').first().waitFor();
      },
    ],
    [
      'map',
      async (page) => {
        await page.goto('/map');
        await page.locator('[data-cell]').first().waitFor(LIVE);
      },
    ],
    [
      'stuck',
      async (page) => {
        await page.goto('/stuck');
        await page.getByRole('table', { name: 'Unassignable referrals' }).waitFor(LIVE);
      },
    ],
    [
      'organisations',
      async (page) => {
        await page.goto('/organisations');
        await page.getByRole('table', { name: 'Organisations' }).waitFor();
      },
    ],
    [
      'organisation',
      async (page) => {
        await page.goto(`/organisations/${lakeside.id}`);
        await page
          .getByRole('region', { name: "Map of this organisation's service areas" })
          .waitFor();
      },
    ],
    [
      'directory',
      async (page) => {
        await page.goto('/directory');
        await page.getByRole('table', { name: 'Recent imports' }).waitFor(LIVE);
      },
    ],
    [
      'initiatives',
      async (page) => {
        await page.goto('/initiatives');
        await page.getByRole('table', { name: 'Initiatives' }).waitFor();
      },
    ],
    [
      'agreements',
      async (page) => {
        await page.goto('/agreements');
        await page.getByRole('table', { name: 'Agreements' }).waitFor();
      },
    ],
    [
      'agreement',
      async (page) => {
        await page.goto(`/agreements/${lakeside.agreementId}`);
        await page.getByRole('heading', { name: 'Status history' }).waitFor();
      },
    ],
    [
      'funding',
      async (page) => {
        await page.goto('/funding');
        await page.getByRole('table', { name: 'Budgets' }).waitFor();
      },
    ],
    [
      'budget',
      async (page) => {
        await page.goto(`/budgets/${lakeside.budgetId}`);
        await page.getByRole('table', { name: 'Ledger entries' }).waitFor();
      },
    ],
    [
      'subscriptions',
      async (page) => {
        await page.goto('/subscriptions');
        await page.getByRole('button', { name: 'Create subscription' }).waitFor();
      },
    ],
    [
      'audit',
      async (page) => {
        await page.goto('/audit');
        await page.getByRole('table', { name: 'Audit records' }).waitFor(LIVE);
      },
    ],
    [
      'grant-report',
      async (page) => {
        await page.goto('/reports');
        await page.getByLabel('Funding source').selectOption({ label: LAKESIDE.source });
        await page.getByRole('button', { name: 'Show report' }).click();
        await page.getByRole('table', { name: 'By budget' }).waitFor();
      },
    ],
  ];

  it('finds no serious or critical accessibility violation on any administrator or auditor screen, with data on it', async () => {
    const page = await administrator();
    const found: Record<string, string[]> = {};
    for (const [name, visit] of SCREENS) {
      await visit(page);
      found[name] = await seriousViolations(page);
    }
    await page.goto(`/agreements/${lakeside.agreementId}`);
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    await page.getByRole('dialog', { name: 'Suspend agreement' }).waitFor();
    found['suspend dialog'] = await seriousViolations(page);
    const forbidden = await person('Dispatcher', programme.agency.name);
    await forbidden.goto('/dashboard');
    await forbidden.getByRole('heading', { name: '403: not for your role' }).waitFor();
    found['403 page'] = await seriousViolations(forbidden);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
  });

  it('saves a screenshot of every administrator and auditor screen at desktop and phone width (docs/console)', async () => {
    for (const [width, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const page = await administrator(viewport);
      for (const [name, visit] of SCREENS) {
        await visit(page);
        await screenshot(page, `admin-${name}-${width}`);
      }
    }
  });
});
