/// <reference lib="dom" />
/**
 * `npm run bench:console` (with `npm start` running): how the web console does in a real
 * browser (headless Chromium). It seeds a crisis team and fills its queue with 1,000 offered
 * referrals, then measures
 *   - how long the partner's queue takes to show all 1,000, from navigation to the last row;
 *   - the delay from a referral event to the screen: from the event's time (referral.assigned)
 *     until its row is in the partner's open queue, pushed over Server-Sent Events.
 * It prints the figures; no test asserts a time (this machine is shared and noisy).
 */
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { ConcordClient, localUrls } from '@concord/testing';
import { seedConsoleProgramme } from './demo/console-programme';
import { crisisCall } from './demo/riverton';
import { launchChromium, signInAs } from './support/chromium';

/** What the console's application records of each push it receives (apps/console/web/src/live.ts). */
interface LiveNotice {
  referralId: string;
  occurredAt: string;
  receivedAt: number;
}

const QUEUE_SIZE = Number(process.env.BENCH_CONSOLE_QUEUE ?? 1000);
const LATENCY_SAMPLES = Number(process.env.BENCH_CONSOLE_SAMPLES ?? 20);
const CONSOLE_URL = process.env.CONCORD_CONSOLE_URL ?? 'http://localhost:3000';

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function main(): Promise<void> {
  const client = new ConcordClient(localUrls(), repositoryRoot(__dirname));
  const programme = await seedConsoleProgramme(client, {
    capacity: QUEUE_SIZE * 2,
    alphaOnly: true,
  });
  const dispatch = { role: 'dispatcher' as const, org: programme.agency.id };
  const alpha = { role: 'partner' as const, org: programme.alpha.id };

  console.log(`Filling ${programme.alpha.name}'s queue with ${QUEUE_SIZE} offered referrals ...`);
  const submitted: Promise<unknown>[] = [];
  for (let i = 0; i < QUEUE_SIZE; i++) {
    submitted.push(client.call(dispatch, 'referrals', 'POST', '/referrals', crisisCall()));
    if (submitted.length >= 20) await Promise.all(submitted.splice(0));
  }
  await Promise.all(submitted);
  await client.until(
    'every referral to be offered',
    async () => {
      const counts = await client.call<{ byStatus: Record<string, number> }>(
        alpha,
        'referrals',
        'GET',
        '/referrals/counts',
      );
      return (counts.byStatus.offered ?? 0) >= QUEUE_SIZE ? true : undefined;
    },
    600_000,
  );

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      baseURL: CONSOLE_URL,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await signInAs(page, 'Partner case worker', programme.alpha.name);

    const renders: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = Date.now();
      await page.goto('/queue');
      await page.waitForFunction(
        (size) => document.querySelectorAll('tbody tr').length >= size,
        QUEUE_SIZE,
        { timeout: 60_000, polling: 50 },
      );
      renders.push(Date.now() - started);
    }
    console.log(
      `Queue of ${QUEUE_SIZE}: all rows on screen ${renders.map((ms) => `${ms} ms`).join(', ')} after navigation (3 loads; includes reading ${Math.ceil(QUEUE_SIZE / 100)} pages of the API)`,
    );

    const delays: number[] = [];
    for (let sample = 0; sample < LATENCY_SAMPLES; sample++) {
      const created = await client.call(dispatch, 'referrals', 'POST', '/referrals', crisisCall());
      const id = created.id as string;
      const shownAt = await page
        .waitForFunction(
          (href) => (document.querySelector(`a[href="${href}"]`) ? Date.now() : 0),
          `/referrals/${id}`,
          {
            timeout: 60_000,
            polling: 'raf',
          },
        )
        .then((handle) => handle.jsonValue());
      // The last notice before the row appeared: the event that put it in the queue.
      const occurredAt = await page.evaluate(
        ({ referralId, until }) =>
          (window as unknown as { __concordLive?: LiveNotice[] }).__concordLive
            ?.filter((entry) => entry.referralId === referralId && entry.receivedAt <= until)
            .pop()?.occurredAt,
        { referralId: id, until: shownAt },
      );
      if (occurredAt) delays.push(shownAt - Date.parse(occurredAt));
    }
    console.log(
      `Event to screen (referral.assigned to the row in the open queue), ${delays.length} samples: median ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms, max ${Math.max(...delays)} ms`,
    );
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
