import { Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { NotificationsConfig } from '../notifications.config';
import { DeliveryResult, describeFailure } from './delivery-result';
import { Notification } from './notification.entity';
import { describeNotification, emailText } from './notification-message';

type Transport = ReturnType<typeof createTransport>;

const replyCode = (response: unknown): number | null => {
  const match = typeof response === 'string' ? /^(\d{3})/.exec(response) : null;
  return match ? Number(match[1]) : null;
};

/** Sends notifications as plain-text e-mail over SMTP_URL; disabled without it. */
@Injectable()
export class EmailChannel {
  private readonly transport?: Transport;

  constructor(private readonly config: NotificationsConfig) {
    if (config.SMTP_URL) {
      const timeout = config.WEBHOOK_TIMEOUT_MS;
      this.transport = createTransport({
        url: config.SMTP_URL,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(notification: Notification, address: string): Promise<DeliveryResult> {
    if (!this.transport) {
      return { delivered: false, responseStatus: null, error: 'SMTP_URL is not set' };
    }
    try {
      const info = (await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: address,
        subject: `Concord: ${describeNotification(notification).title}`,
        text: emailText(notification),
        // The same on every try, so that a mail system can drop a duplicate.
        messageId: `<${notification.id}@notifications.concord>`,
        headers: { 'Concord-Event-Id': notification.id },
      })) as { response?: unknown };
      return { delivered: true, responseStatus: replyCode(info.response), error: null };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      return {
        delivered: false,
        responseStatus: typeof code === 'number' ? code : null,
        error: describeFailure(error),
      };
    }
  }
}
