import { DomainError } from '@concord/platform';
import { canApply, nextStatus, REFERRAL_STATUSES } from './referral-lifecycle';

describe('the referral lifecycle', () => {
  it('runs from awaiting assignment through offered, accepted and in progress to completed', () => {
    let status = nextStatus('r', 'awaiting-assignment', 'offer');
    status = nextStatus('r', status, 'accept');
    status = nextStatus('r', status, 'recordContact');
    expect(nextStatus('r', status, 'complete')).toBe('completed');
  });

  it('puts a declined, expired or withdrawn offer back in line for assignment', () => {
    for (const action of ['decline', 'missDeadline', 'withdrawOffer'] as const) {
      expect(nextStatus('r', 'offered', action)).toBe('awaiting-assignment');
    }
  });

  it('lets a case close unsuccessfully without contact ever being made', () => {
    expect(nextStatus('r', 'accepted', 'complete')).toBe('completed');
  });

  it('refuses an illegal step with a 409 that names the current status', () => {
    expect(() => nextStatus('r-1', 'offered', 'complete')).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        code: 'REFERRAL_TRANSITION_NOT_ALLOWED',
        message: 'cannot complete referral r-1: it is offered',
      }) as DomainError,
    );
  });

  it('lets nothing happen to a completed or cancelled referral', () => {
    for (const status of ['completed', 'cancelled'] as const) {
      expect(
        (['offer', 'accept', 'decline', 'complete', 'cancel', 'retryAssignment'] as const).filter(
          (action) => canApply(action, status),
        ),
      ).toEqual([]);
    }
  });

  it('lets dispatch cancel any referral that is not closed', () => {
    const open = REFERRAL_STATUSES.filter((status) => !['completed', 'cancelled'].includes(status));
    expect(open.every((status) => canApply('cancel', status))).toBe(true);
  });
});
