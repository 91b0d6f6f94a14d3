import { randomUUID } from 'node:crypto';
import { Api } from './funding-service';

export const recordSource = (admin: Api, overrides: Record<string, unknown> = {}) =>
  admin.expect(201, 'POST', '/funding-sources', {
    name: 'Byrne JAG crisis response',
    funder: 'US DOJ Bureau of Justice Assistance',
    kind: 'federal-grant',
    awardCents: 10_000_000,
    periodFrom: '2026-01-01',
    periodTo: '2027-12-31',
    restrictions: 'Behavioural-health response only; no capital costs.',
    ...overrides,
  });

/** A budget for a new initiative and partner (unless given), funded by one new source. */
export async function openBudget(
  admin: Api,
  {
    awardCents,
    costPerCaseCents,
    ...scope
  }: { awardCents: number; costPerCaseCents: number } & {
    initiativeId?: string;
    partnerId?: string;
    category?: string;
  },
) {
  const source = await recordSource(admin);
  return admin.expect(201, 'POST', '/budgets', {
    initiativeId: randomUUID(),
    partnerId: randomUUID(),
    costPerCaseCents,
    allocations: [{ sourceId: source.id, amountCents: awardCents }],
    ...scope,
  });
}
