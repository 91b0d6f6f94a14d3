/// <reference lib="dom" />
import { Browser, BrowserContext, Page } from 'playwright-core';
import { crisisCall } from '../../scripts/demo/riverton';
import { ConsoleProgramme, seedConsoleProgramme } from '../../scripts/demo/console-programme';
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

/**
 * The partnership in the console, in a real browser (Debian's Chromium, headless) in front of
 * the five services and the console over the real broker and PostgreSQL: joint activities, the
 * community survey and the feedback card a partner prints, the partnership review and the
 * demand forecast. The tests run in order: the survey published in one is the card's in the next.
 */
describe('the console for the partnership', () => {
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  let programme: ConsoleProgramme;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const SURVEY_TITLE = 'How did we do?';
  /** The referral the partner completes and prints a card for. */
  const completed = { referralId: '', which: 'alpha' as 'alpha' | 'bravo' };

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
    role: 'Programme administrator' | 'Auditor' | 'Partner case worker',
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
  const partner = (which: 'alpha' | 'bravo', viewport = DESKTOP) =>
    person('Partner case worker', programme[which].name, viewport);

  async function stepInDialog(page: Page, opener: string | RegExp, dialogName: string) {
    await page.getByRole('button', { name: opener }).click();
    const dialog = page.getByRole(/^(Cancel|Close)/.test(dialogName) ? 'alertdialog' : 'dialog', {
      name: dialogName,
    });
    await dialog.waitFor();
    return dialog;
  }

  /** A datetime-local value `hours` from now; the browser's time zone is UTC (newPerson). */
  const localInput = (hours: number): string =>
    new Date(Date.now() + hours * 3600_000).toISOString().slice(0, 16);

  const quarterOf = (day: Date): string =>
    `${day.getUTCFullYear()}-Q${Math.floor(day.getUTCMonth() / 3) + 1}`;

  /** An image has loaded when the browser has decoded it to a size. */
  const loaded = (page: Page, selector: string) =>
    page.waitForFunction(
      (css) => {
        const image = document.querySelector<HTMLImageElement>(css);
        return image !== null && image.complete && image.naturalWidth > 0;
      },
      selector,
      { timeout: 15_000 },
    );

  it('lets an administrator set the partnership’s targets on the initiative’s page, keeping its other KPI targets', async () => {
    const admin = await administrator();
    await admin.goto(`/initiatives/${programme.initiative.id}`);
    await admin.getByLabel('Trainings held per quarter').fill('2');
    await admin.getByLabel('Community feedback score (1–5)').fill('7');
    await admin.getByRole('button', { name: 'Save the targets' }).click();
    await admin
      .getByRole('alert')
      .getByText('feedback-score must be between 1 and 5 for kind feedback-score')
      .waitFor();
    await admin.getByLabel('Community feedback score (1–5)').fill('4');
    await admin.getByRole('button', { name: 'Save the targets' }).click();
    await admin.getByRole('status').filter({ hasText: 'The targets are saved.' }).waitFor();

    const initiative = await system.client.call(
      { role: 'admin' },
      'agreements',
      'GET',
      `/initiatives/${programme.initiative.id}`,
    );
    expect(initiative.kpiTargets).toEqual([
      { kind: 'median-minutes-to-accept', metric: 'median-minutes-to-accept', target: 15 },
      {
        kind: 'trainings-per-quarter',
        metric: 'trainings-per-quarter',
        target: 2,
        unit: 'trainings',
      },
      { kind: 'feedback-score', metric: 'feedback-score', target: 4, unit: 'score' },
    ]);
  });

  it('lets an administrator plan a training with both partners, a partner confirm it, and the administrator record who came from each organisation', async () => {
    const admin = await administrator();
    await admin.goto('/initiatives');
    await admin.getByRole('link', { name: programme.initiative.name }).click();
    await admin.getByRole('heading', { name: programme.initiative.name }).waitFor();

    await admin.getByLabel('Kind').selectOption({ label: 'Training' });
    await admin.getByLabel('Topic').selectOption({ label: 'Crisis de-escalation' });
    await admin.getByLabel('Activity title').fill('De-escalation for first responders');
    await admin.getByLabel('Place').fill('Riverton Community Hall');
    // It began an hour ago, so that its attendance can be recorded now.
    await admin.getByLabel('Starts').fill(localInput(-1));
    await admin.getByLabel('Ends').fill(localInput(1));
    await admin.getByRole('checkbox', { name: programme.bravo.name }).uncheck();
    await admin.getByRole('button', { name: 'Plan the activity' }).click();
    await admin.getByRole('status').filter({ hasText: 'is planned for' }).waitFor();
    const row = admin.getByRole('row').filter({ hasText: 'De-escalation for first responders' });
    await row.getByText('Planned').waitFor();
    await row.getByText(`${programme.alpha.name}: not confirmed`).waitFor();
    expect(await row.getByText(programme.bravo.name).count()).toBe(0);

    // Alpha takes part and confirms; Bravo, left out, does not see the training at all.
    const alpha = await partner('alpha');
    await alpha.getByRole('link', { name: 'Joint activities' }).click();
    const alphaRow = alpha.getByRole('row').filter({ hasText: 'De-escalation' });
    const dialog = await stepInDialog(alpha, /Confirm we'll be there/, 'Confirm participation');
    await dialog.getByRole('button', { name: 'Confirm participation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await alphaRow.getByText('Your organisation: ✓ confirmed').waitFor();
    await alphaRow.getByText('and 1 other organisation').waitFor();
    expect(await alphaRow.getByRole('button', { name: /Confirm we'll be there/ }).count()).toBe(0);
    await screenshot(alpha, 'partner-activities-desktop');
    expect(await seriousViolations(alpha)).toEqual([]);

    const alphaPhone = await partner('alpha', PHONE);
    await alphaPhone.goto('/activities');
    await alphaPhone.getByText('De-escalation for first responders').waitFor();
    await screenshot(alphaPhone, 'partner-activities-phone');

    const bravo = await partner('bravo');
    await bravo.goto('/activities');
    await bravo.getByText('Your organisation takes part in no activity yet.').waitFor();

    await admin.reload();
    const attendance = await stepInDialog(admin, /^Record attendance/, 'Record attendance');
    await attendance.getByLabel(`${programme.agency.name}: people who came`).fill('14');
    await attendance.getByLabel(`${programme.alpha.name}: people who came`).fill('6');
    await attendance.getByRole('button', { name: 'Record attendance' }).click();
    await attendance.waitFor({ state: 'hidden' });
    await row.getByText('Held').waitFor();
    await row.getByRole('cell', { name: '20', exact: true }).waitFor();
    await row.getByText(`${programme.alpha.name}: ✓ confirmed, 6 came`).waitFor();
  });

  it('lets an administrator publish a survey and see its public link and QR code', async () => {
    const admin = await administrator();
    await admin.goto('/initiatives');
    await admin.getByRole('link', { name: programme.initiative.name }).click();
    await admin.getByLabel('Survey title').fill(SURVEY_TITLE);
    await admin
      .getByLabel('Introduction (optional)')
      .fill('Tell us whether the help you got from the co-response team worked for you.');
    await admin.getByRole('button', { name: 'Publish the survey' }).click();
    await admin.getByRole('status').filter({ hasText: 'is published' }).waitFor();

    const survey = admin.getByRole('listitem').filter({ hasText: SURVEY_TITLE });
    await survey.getByText('Open', { exact: true }).waitFor();
    const link = survey.getByRole('link', { name: /\/surveys\/[0-9a-f-]{36}\/page/ });
    const publicUrl = (await link.getAttribute('href')) as string;
    await loaded(admin, `img[alt='QR code of the survey "${SURVEY_TITLE}"']`);
    // The link leads to the page residents answer, without an account.
    const page = await fetch(publicUrl);
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/html/) as string,
    });
    await screenshot(admin, 'admin-initiative-desktop');
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it('lets a partner print a feedback card for a completed referral: the QR code and link of the survey for the referral’s area, and nothing about the person', async () => {
    const dispatch = { role: 'dispatcher' as const, org: programme.agency.id };
    const call = crisisCall();
    const created = await system.client.call(dispatch, 'referrals', 'POST', '/referrals', call);
    const referralId = created.id as string;
    const areaCode = created.areaCode as string;
    const holderId = await system.client.until('the referral to be offered', async () => {
      const view = await system.client.call(
        dispatch,
        'referrals',
        'GET',
        `/referrals/${referralId}`,
      );
      const assignment = view.assignment as { partnerId: string } | null;
      return view.status === 'offered' && assignment ? assignment.partnerId : undefined;
    });
    const which = holderId === programme.alpha.id ? 'alpha' : 'bravo';
    Object.assign(completed, { referralId, which });
    const crisisTeam = { role: 'partner' as const, org: holderId };
    const step = (path: string, body?: Record<string, unknown>) =>
      system.client.call(crisisTeam, 'referrals', 'POST', `/referrals/${referralId}/${path}`, body);
    await step('accept');
    await step('contact');
    await step('complete', { outcome: 'successful' });

    const holder = await partner(which);
    await holder.goto(`/referrals/${referralId}`);
    await holder.getByRole('link', { name: 'Print a feedback card' }).click();
    const card = holder.getByRole('article', { name: 'Feedback card to print' });
    await card.getByRole('heading', { name: SURVEY_TITLE }).waitFor();
    const qr = card.getByRole('img', { name: /QR code/ });
    expect(await qr.getAttribute('src')).toMatch(
      new RegExp(`/surveys/[0-9a-f-]{36}/qr\\.svg\\?area=${areaCode}$`),
    );
    await loaded(holder, '.feedback-card-qr');
    const text = (await card.innerText()).replace(/\s+/g, '');
    expect(text).toContain(`/page?area=${areaCode}`);

    // Nothing about the person or the case is on the card.
    const person = call.person as Record<string, string>;
    const onCard = await card.innerText();
    for (const detail of [
      person.name,
      person.phone,
      call.incidentReference as string,
      call.narrative as string,
      referralId,
      'Mental health crisis',
    ]) {
      expect({ detail, onCard: onCard.includes(detail) }).toEqual({ detail, onCard: false });
    }

    // On paper: the card, and nothing of the console around it.
    await holder.emulateMedia({ media: 'print' });
    expect(await card.isVisible()).toBe(true);
    for (const around of [
      holder.getByRole('navigation', { name: 'Main' }),
      holder.getByRole('button', { name: 'Print the card' }),
      holder.getByRole('link', { name: '← Back to the referral' }),
    ]) {
      expect(await around.isVisible()).toBe(false);
    }
    await screenshot(holder, 'partner-feedback-card-print');
    await holder.emulateMedia({ media: 'screen' });
    await screenshot(holder, 'partner-feedback-card-desktop');
    expect(await seriousViolations(holder)).toEqual([]);

    const phone = await partner(which, PHONE);
    await phone.goto(`/referrals/${referralId}/feedback-card`);
    await loaded(phone, '.feedback-card-qr');
    await screenshot(phone, 'partner-feedback-card-phone');
  });

  it('shows an auditor the quarter’s partnership review: the training held against the initiative’s target of two a quarter, the agreements’ figures, its CSV, its PDF intact through the console, and the printable page', async () => {
    const admin = { role: 'admin' as const };
    await system.client.until('insights to count the training held', async () => {
      const review = await system.client.call(
        admin,
        'insights',
        'GET',
        `/initiatives/${programme.initiative.id}/review?quarter=${quarterOf(new Date())}`,
      );
      const measures = (review.initiative as { measures: { measure: string; value: number }[] })
        .measures;
      return measures.find((one) => one.measure === 'trainings-held')?.value === 1 || undefined;
    });
    const auditor = await person('Auditor');
    await auditor.getByRole('link', { name: 'Partnership review' }).click();
    await auditor.getByLabel('Initiative').selectOption({ label: programme.initiative.name });
    await auditor.getByRole('button', { name: 'Show review' }).click();
    const review = auditor.getByRole('article', { name: /Partnership review/ });
    const whole = review.getByRole('table', { name: 'The initiative as a whole' });
    const trainings = whole.getByRole('row', { name: /Trainings held/ });
    expect((await trainings.innerText()).replace(/\s+/g, ' ')).toBe(
      'Trainings held 1 0 +1 ▲ better at least 2 a quarter ✗ not met',
    );
    await review.getByRole('table', { name: new RegExp(programme.alpha.name) }).waitFor();
    await review
      .getByRole('table', { name: new RegExp(programme.alpha.name) })
      .getByRole('row', { name: /Acceptance rate/ })
      .waitFor();

    const csvHref = (await review
      .getByRole('link', { name: 'Download as CSV' })
      .getAttribute('href')) as string;
    const csv = await auditor.evaluate(async (href) => {
      const answer = await fetch(href);
      return { status: answer.status, type: answer.headers.get('content-type') ?? '' };
    }, csvHref);
    expect(csv).toEqual({ status: 200, type: expect.stringMatching(/^text\/csv/) as string });

    // The PDF comes through the console byte for byte: no byte of it was read as text.
    const pdfHref = (await review
      .getByRole('link', { name: 'Download as PDF' })
      .getAttribute('href')) as string;
    const pdf = await auditor.evaluate(async (href) => {
      const answer = await fetch(href);
      const bytes = new Uint8Array(await answer.arrayBuffer());
      const text = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
      let replaced = 0;
      for (let i = 0; i + 2 < bytes.length; i += 1) {
        if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) replaced += 1;
      }
      return {
        type: answer.headers.get('content-type') ?? '',
        start: text(0, 5),
        end: text(bytes.length - 6, bytes.length).trim(),
        replaced,
      };
    }, pdfHref);
    expect(pdf).toEqual({
      type: expect.stringMatching(/^application\/pdf/) as string,
      start: '%PDF-',
      end: '%%EOF',
      replaced: 0,
    });

    const [printable] = await Promise.all([
      auditor.context().waitForEvent('page'),
      review.getByRole('link', { name: 'Open the printable page' }).click(),
    ]);
    await printable.getByText(programme.alpha.name).first().waitFor();
    await screenshot(printable, 'auditor-partnership-review-printable');
    await screenshot(auditor, 'auditor-partnership-review-desktop');
    const phone = await person('Auditor', undefined, PHONE);
    await phone.goto(
      `/review?initiativeId=${programme.initiative.id}&quarter=${quarterOf(new Date())}`,
    );
    await phone.getByRole('table', { name: 'The initiative as a whole' }).waitFor();
    await screenshot(phone, 'auditor-partnership-review-phone');
    expect(await seriousViolations(auditor)).toEqual([]);
  });

  // The forecast counts complete weeks only; this programme's referrals are all of the current
  // week. (The suite's broker holds other tests' back-dated referrals too, hence the filter.)
  it('tells an administrator that the demand forecast has no history yet while no week is complete', async () => {
    const admin = await administrator();
    await admin.getByRole('link', { name: 'Demand forecast' }).click();
    await admin.getByRole('heading', { name: 'Demand forecast', level: 1 }).waitFor();
    await admin.getByLabel('Initiative (optional)').selectOption(programme.initiative.id);
    await admin.getByRole('button', { name: 'Show forecast' }).click();
    await admin.getByText('No referral history to forecast from yet.').waitFor();
    await screenshot(admin, 'admin-forecast-desktop');
    expect(await seriousViolations(admin)).toEqual([]);
  });
  it('lets an administrator cancel a planned meeting, which stays on the list as cancelled with no further step', async () => {
    const admin = await administrator();
    await admin.goto(`/initiatives/${programme.initiative.id}`);
    await admin.getByLabel('Kind').selectOption({ label: 'Community meeting' });
    await admin.getByLabel('Topic').selectOption({ label: 'Other' });
    await admin.getByLabel('The topic, in a few words').fill('Noise at the night market');
    await admin.getByLabel('Activity title').fill('Night market residents meeting');
    await admin.getByLabel('Place').fill('Eastside Library');
    await admin.getByLabel('Starts').fill(localInput(48));
    await admin.getByLabel('Ends').fill(localInput(50));
    await admin.getByRole('button', { name: 'Plan the activity' }).click();
    const row = admin.getByRole('row').filter({ hasText: 'Night market residents meeting' });
    await row.getByText('Community meeting · Noise at the night market').waitFor();

    const dialog = await stepInDialog(
      admin,
      /^Cancel activity: Night market residents meeting/,
      'Cancel activity',
    );
    await dialog.getByRole('button', { name: 'Cancel activity' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Cancelled').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
  });

  it('tells a partner that no survey is open once the administrator closes it, and prints no card', async () => {
    const admin = await administrator();
    await admin.goto(`/initiatives/${programme.initiative.id}`);
    const dialog = await stepInDialog(admin, `Close the survey ${SURVEY_TITLE}`, 'Close survey');
    await dialog.getByRole('button', { name: 'Close survey' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const survey = admin.getByRole('listitem').filter({ hasText: SURVEY_TITLE });
    await survey.getByText('Closed', { exact: true }).waitFor();

    const holder = await partner(completed.which);
    await holder.goto(`/referrals/${completed.referralId}/feedback-card`);
    await holder.getByText(`${programme.initiative.name} has no open community survey`).waitFor();
    expect(await holder.getByRole('article', { name: 'Feedback card to print' }).count()).toBe(0);
  });
});
