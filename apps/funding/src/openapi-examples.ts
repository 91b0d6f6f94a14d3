import { ExampleObject } from '@nestjs/swagger';

type Examples = Record<string, ExampleObject>;

const SOURCE = '7b4e2c9a-5d1f-4a3b-8e6c-2f9d1a7c5b3e';

/** Examples of the main requests, shown in the OpenAPI document (a test checks they are valid). */
export const FUNDING_SOURCE_EXAMPLES: Examples = {
  federalGrant: {
    summary: 'A federal grant of $250,000 (amounts are whole cents)',
    value: {
      name: 'COPS Co-Response Grant 2026',
      funder: 'US DOJ COPS Office',
      kind: 'federal-grant',
      awardCents: 25_000_000,
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    },
  },
};

export const BUDGET_EXAMPLES: Examples = {
  perCase: {
    summary: 'A partner’s budget at $300 a case, from one grant',
    value: {
      initiativeId: 'a3d9e7c5-1b2f-4e6a-9c8d-7f5e3a1b2c4d',
      partnerId: '5c1f6a1e-2b7d-4f0e-9a57-3d8f0c2b6e41',
      costPerCaseCents: 30_000,
      allocations: [{ sourceId: SOURCE, amountCents: 6_000_000 }],
    },
  },
};

export const ALLOCATION_EXAMPLES: Examples = {
  topUp: {
    summary: 'A $10,000 top-up from the grant',
    value: { sourceId: SOURCE, amountCents: 1_000_000 },
  },
};
