import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AGREEMENT_STATUSES, AgreementEvents } from '@concord/contracts';
import { DomainError } from '@concord/platform';
import {
  AGREEMENT_STEPS,
  AgreementStep,
  assertAllowed,
  isAllowed,
  transition,
} from './agreement-status.machine';

const ID = '7c0c4a36-2f55-4c1a-9d64-2a7d8f3f0b7e';

const refusal = (work: () => unknown): DomainError => {
  try {
    work();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the step to be refused');
};

describe('the agreement status machine', () => {
  it('activates a draft and announces agreement.activated', () => {
    expect(transition(ID, 'draft', 'activate')).toEqual({
      to: 'active',
      announce: AgreementEvents.activated,
    });
  });

  it('resumes a suspended agreement as active and announces agreement.activated', () => {
    expect(transition(ID, 'suspended', 'resume')).toEqual({
      to: 'active',
      announce: AgreementEvents.activated,
    });
  });

  it('lets a draft, an active and a suspended agreement be terminated, and nothing else', () => {
    const allowed = AGREEMENT_STATUSES.filter((status) => isAllowed(status, 'terminate'));
    expect(allowed).toEqual(['draft', 'active', 'suspended']);
  });

  it('expires every agreement that has not ended: a draft, an active and a suspended one', () => {
    const allowed = AGREEMENT_STATUSES.filter((status) => isAllowed(status, 'expire'));
    expect(allowed).toEqual(['draft', 'active', 'suspended']);
  });

  it('expires a draft whose end passed before it came into force and announces agreement.expired', () => {
    expect(transition(ID, 'draft', 'expire')).toEqual({
      to: 'expired',
      announce: AgreementEvents.expired,
    });
  });

  it('takes signatures on drafts only', () => {
    expect(AGREEMENT_STATUSES.filter((status) => isAllowed(status, 'sign'))).toEqual(['draft']);
  });

  it('lets nothing leave terminated or expired', () => {
    const steps = Object.keys(AGREEMENT_STEPS) as AgreementStep[];
    for (const status of ['terminated', 'expired'] as const) {
      expect(steps.filter((step) => isAllowed(status, step))).toEqual([]);
    }
  });

  it('refuses an illegal step with a 409 naming the current status', () => {
    const error = refusal(() => transition(ID, 'draft', 'resume'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'AGREEMENT_TRANSITION_NOT_ALLOWED',
      message: `cannot resume agreement ${ID}: it is draft`,
    });
    expect(refusal(() => assertAllowed(ID, 'expired', 'amend')).message).toBe(
      `cannot amend agreement ${ID}: it is expired`,
    );
  });

  it('is drawn in docs/agreements.md exactly as the table says', () => {
    const doc = readFileSync(resolve(__dirname, '../../../../docs/agreements.md'), 'utf8');
    const diagram = /```mermaid\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const drawn = [...diagram.matchAll(/^\s*(\w+) --> (\w+): (\w+)/gm)]
      .map(([, from, to, step]) => `${from} -> ${to}: ${step}`)
      .sort();
    const table = Object.entries(AGREEMENT_STEPS)
      .flatMap(([step, spec]) =>
        'to' in spec ? spec.from.map((from) => `${from} -> ${spec.to}: ${step}`) : [],
      )
      .sort();
    expect(drawn).toEqual(table);
  });
});
