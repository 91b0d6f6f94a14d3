/**
 * `npm run demo` (with `npm start` running): seeds Riverton, walks a mental-health crisis call
 * from dispatch to a completed outcome, then prints the referral's timeline across all services
 * and the initiative's KPIs.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConcordClient, Json, localUrls } from '@concord/testing';
import { seedRiverton, walkCrisisReferral } from './demo/riverton';

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const admin = { role: 'admin' as const };

async function main(): Promise<void> {
  const client = new ConcordClient(localUrls(), repositoryRoot(__dirname));
  const log = (line: string) => console.log(`  ${line}`);
  console.log('Seeding Riverton');
  const city = await seedRiverton(client, log);
  console.log('\nA mental-health crisis call');
  const referralId = await walkCrisisReferral(client, city, log);

  // Insights learns every step from the events; wait for the last ones to arrive.
  const timeline = await client.until(
    'the timeline to show the charge and the completion',
    async () => {
      const answer = await client.call<{ events: Json[] }>(
        admin,
        'insights',
        'GET',
        `/referrals/${referralId}/timeline`,
      );
      const types = answer.events.map((event) => event.type as string);
      return types.includes('concord.referral.completed.v1') &&
        types.includes('concord.funding.charged.v1')
        ? answer.events
        : undefined;
    },
  );
  console.log(`\nTimeline of referral ${referralId}`);
  const start = Date.parse(timeline[0].time as string);
  for (const event of timeline) {
    const offset = ((Date.parse(event.time as string) - start) / 1000).toFixed(3).padStart(8);
    console.log(`  +${offset}s  ${(event.source as string).padEnd(24)} ${event.type as string}`);
  }

  const kpis = await client.call(
    admin,
    'insights',
    'GET',
    `/kpis?initiativeId=${city.initiativeId}`,
  );
  console.log(`\nKPIs of the initiative ${city.initiativeId}`);
  console.log(JSON.stringify(kpis, null, 2));
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message}`);
  console.error('Is the system running? Start it with `npm start` in another terminal.');
  process.exitCode = 1;
});
