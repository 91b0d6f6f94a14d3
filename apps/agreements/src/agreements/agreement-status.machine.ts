import {
  AgreementEvents,
  AgreementSnapshotV1,
  AgreementStatus,
  EventDefinition,
} from '@concord/contracts';
import { conflict } from '@concord/platform';

interface Step {
  /** The statuses in which the step may be taken. */
  readonly from: readonly AgreementStatus[];
  /** The status it leads to; a step without one leaves the status as it is. */
  readonly to?: AgreementStatus;
  /** What a transition publishes, with the agreement's snapshot after it. */
  readonly announce?: EventDefinition<AgreementSnapshotV1>;
}

/**
 * Everything that can be done to an agreement, and in which statuses: the one table that says
 * what is allowed. activate and expire are the scheduler's (activate also runs on the second
 * signature); the others are an administrator's requests.
 */
export const AGREEMENT_STEPS = {
  sign: { from: ['draft'] },
  amend: { from: ['draft', 'active', 'suspended'] },
  activate: { from: ['draft'], to: 'active', announce: AgreementEvents.activated },
  suspend: { from: ['active'], to: 'suspended', announce: AgreementEvents.suspended },
  resume: { from: ['suspended'], to: 'active', announce: AgreementEvents.activated },
  terminate: {
    from: ['draft', 'active', 'suspended'],
    to: 'terminated',
    announce: AgreementEvents.terminated,
  },
  // A draft whose end passes before it came into force expires too, or it would wait forever.
  expire: {
    from: ['draft', 'active', 'suspended'],
    to: 'expired',
    announce: AgreementEvents.expired,
  },
} as const satisfies Record<string, Step>;

export type AgreementStep = keyof typeof AGREEMENT_STEPS;

/** The steps that change the status. */
export type AgreementTransition = {
  [S in AgreementStep]: (typeof AGREEMENT_STEPS)[S] extends { to: AgreementStatus } ? S : never;
}[AgreementStep];

export const AGREEMENT_TRANSITION_NOT_ALLOWED = 'AGREEMENT_TRANSITION_NOT_ALLOWED';

export function isAllowed(status: AgreementStatus, step: AgreementStep): boolean {
  return (AGREEMENT_STEPS[step].from as readonly AgreementStatus[]).includes(status);
}

const notAllowed = (agreementId: string, status: AgreementStatus, step: AgreementStep) =>
  conflict(
    AGREEMENT_TRANSITION_NOT_ALLOWED,
    `cannot ${step} agreement ${agreementId}: it is ${status}`,
  );

/** Throws the 409 naming the current status unless `step` may be taken in `status`. */
export function assertAllowed(
  agreementId: string,
  status: AgreementStatus,
  step: AgreementStep,
): void {
  if (!isAllowed(status, step)) throw notAllowed(agreementId, status, step);
}

/** Where `transition` leads from `status`, and the event that announces it; or a 409. */
export function transition(
  agreementId: string,
  status: AgreementStatus,
  step: AgreementTransition,
): { to: AgreementStatus; announce: EventDefinition<AgreementSnapshotV1> } {
  assertAllowed(agreementId, status, step);
  const { to, announce } = AGREEMENT_STEPS[step];
  return { to, announce };
}
