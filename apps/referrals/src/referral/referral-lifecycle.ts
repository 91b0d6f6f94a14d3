import { conflict } from '@concord/platform';

export const REFERRAL_STATUSES = [
  'awaiting-assignment',
  'offered',
  'accepted',
  'in-progress',
  'completed',
  'unassignable',
  'cancelled',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What can happen to a referral, and from which states; nothing else can. */
const TRANSITIONS = {
  offer: { from: ['awaiting-assignment'], to: 'offered' },
  findNoPartner: { from: ['awaiting-assignment'], to: 'unassignable' },
  accept: { from: ['offered'], to: 'accepted' },
  decline: { from: ['offered'], to: 'awaiting-assignment' },
  missDeadline: { from: ['offered'], to: 'awaiting-assignment' },
  withdrawOffer: { from: ['offered'], to: 'awaiting-assignment' },
  recordContact: { from: ['accepted'], to: 'in-progress' },
  // "Unable to contact" is an outcome, so a case can close without contact ever being made.
  complete: { from: ['accepted', 'in-progress'], to: 'completed' },
  cancel: {
    from: ['awaiting-assignment', 'offered', 'accepted', 'in-progress', 'unassignable'],
    to: 'cancelled',
  },
  retryAssignment: { from: ['unassignable'], to: 'awaiting-assignment' },
} as const satisfies Record<string, { from: readonly ReferralStatus[]; to: ReferralStatus }>;

export type ReferralAction = keyof typeof TRANSITIONS;

const VERBS: Record<ReferralAction, string> = {
  offer: 'offer',
  findNoPartner: 'mark unassignable',
  accept: 'accept',
  decline: 'decline',
  missDeadline: 'expire the offer of',
  withdrawOffer: 'withdraw the offer of',
  recordContact: 'record contact on',
  complete: 'complete',
  cancel: 'cancel',
  retryAssignment: 'retry the assignment of',
};

export function canApply(action: ReferralAction, status: ReferralStatus): boolean {
  return (TRANSITIONS[action].from as readonly ReferralStatus[]).includes(status);
}

/**
 * The referral lifecycle as one state machine: the status after `action`, or a 409 that names the
 * current status when the action is not allowed from it.
 */
export function nextStatus(
  referralId: string,
  status: ReferralStatus,
  action: ReferralAction,
): ReferralStatus {
  if (!canApply(action, status)) {
    throw conflict(
      'REFERRAL_TRANSITION_NOT_ALLOWED',
      `cannot ${VERBS[action]} referral ${referralId}: it is ${status}`,
    );
  }
  return TRANSITIONS[action].to;
}
