import { ExampleObject } from '@nestjs/swagger';

type Examples = Record<string, ExampleObject>;

/** Examples of the main requests, shown in the OpenAPI document (a test checks they are valid). */
export const SUBSCRIPTION_EXAMPLES: Examples = {
  webhook: {
    summary: 'A partner’s case system hears of new offers, signed with a shared secret',
    value: {
      eventTypes: ['concord.referral.assigned.v1', 'concord.referral.cancelled.v1'],
      channel: 'webhook',
      webhook: {
        url: 'https://cases.riverton-crisis.example/concord/events',
        secret: 'c2VjcmV0LXRoYXQtaXMtYXQtbGVhc3QtMzItY2hhcnM',
      },
    },
  },
  inbox: {
    summary: 'The partner’s console inbox',
    value: { eventTypes: ['concord.referral.assigned.v1'], channel: 'inbox' },
  },
};
