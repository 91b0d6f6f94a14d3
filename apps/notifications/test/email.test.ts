import { randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import { eventually } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { ConcordEvents, ReferralStory } from './support/concord-events';
import {
  Api,
  PUBLIC_REFERRALS_URL,
  startNotificationsService,
  stopNotificationsService,
} from './support/notifications-service';
import { SmtpSink } from './support/smtp-sink';

describe('e-mail notifications', () => {
  let smtp: SmtpSink;
  let service: ServiceProcess;
  let events: ConcordEvents;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    [service, events] = await Promise.all([
      startNotificationsService({ SMTP_URL: smtp.url, MAIL_FROM: 'Concord <concord@city.test>' }),
      ConcordEvents.connect(),
    ]);
  });

  afterAll(async () => {
    await events?.disconnect();
    if (service) await stopNotificationsService(service);
    await smtp?.stop();
  });

  it('the e-mail arrives at the SMTP server with the referral link and without personal data', async () => {
    const agencyId = randomUUID();
    const dispatch = new Api(service, await devToken('dispatcher', agencyId));
    const address = `dispatch-${agencyId.slice(0, 8)}@police.test`;
    await dispatch.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.completed.type],
      channel: 'email',
      email: { address },
    });
    const story = new ReferralStory(events, agencyId, randomUUID());
    await story.submitted();
    const completed = await story.completed();

    await eventually(`an e-mail to ${address}`, async () => smtp.to(address).length > 0);

    const [mail] = smtp.to(address);
    expect(mail.raw).toContain('From: Concord <concord@city.test>');
    expect(mail.raw).toContain(
      `Subject: Concord: referral.completed: referral ${story.referralId}\r\n`,
    );
    expect(mail.raw).toContain(`${PUBLIC_REFERRALS_URL}/referrals/${story.referralId}`);
    // Only the template: neither the call's reference and area nor the event's payload.
    expect(mail.raw).not.toContain(story.incidentReference);
    expect(mail.raw).not.toContain(story.areaCode);
    expect(mail.raw).not.toContain(completed.data.outcome);
    expect(mail.raw).not.toContain('{');
    expect(smtp.to(address)).toHaveLength(1);
  });

  it("an e-mail's try is in the delivery log with the SMTP server's reply code", async () => {
    const partnerId = randomUUID();
    const partner = new Api(service, await devToken('partner', partnerId));
    await partner.expect(201, 'POST', '/subscriptions', {
      eventTypes: [ReferralEvents.assigned.type],
      channel: 'email',
      email: { address: `intake-${partnerId.slice(0, 8)}@partner.test` },
    });
    const story = new ReferralStory(events, randomUUID(), partnerId);
    await story.assigned();

    let logged: { id: string; status: string } | undefined;
    await eventually('a delivered e-mail', async () => {
      const page = await partner.expect(
        200,
        'GET',
        `/notifications?aboutSubject=${story.referralId}`,
      );
      logged = page.items[0];
      return logged?.status === 'delivered';
    });

    const notification = await partner.expect(200, 'GET', `/notifications/${logged?.id}`);
    expect(notification.attempts).toEqual([
      expect.objectContaining({
        number: 1,
        channel: 'email',
        outcome: 'delivered',
        responseStatus: 250,
      }),
    ]);
  });
});
