import { ReferralEvents } from '@concord/contracts';
import { emailText } from './notification-message';

describe('the text of a notification', () => {
  it('says what happened to which referral and links to it, from the template alone', () => {
    const text = emailText({
      id: '5b0e4f38-0c8e-4d5c-9a43-8f0f1b2c3d4e',
      aboutEventType: 'concord.referral.assigned.v1',
      aboutSubject: '6f1c2a8e-8a0b-4b5e-9f67-1a2b3c4d5e6f',
      occurredAt: new Date('2026-11-22T03:00:00.000Z'),
      link: 'https://console.city.test/referrals/6f1c2a8e-8a0b-4b5e-9f67-1a2b3c4d5e6f',
    });

    expect(text).toBe(
      [
        'referral.assigned: referral 6f1c2a8e-8a0b-4b5e-9f67-1a2b3c4d5e6f',
        '',
        ReferralEvents.assigned.summary,
        '',
        'Event: concord.referral.assigned.v1',
        'At: 2026-11-22T03:00:00.000Z',
        'Open it in Concord: https://console.city.test/referrals/6f1c2a8e-8a0b-4b5e-9f67-1a2b3c4d5e6f',
        '',
        'This message carries no personal details; sign in to Concord to see them.',
        'Notification 5b0e4f38-0c8e-4d5c-9a43-8f0f1b2c3d4e',
      ].join('\n'),
    );
  });
});
