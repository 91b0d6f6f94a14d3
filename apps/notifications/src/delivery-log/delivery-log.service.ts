import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { DeliveryAttempt } from '../delivery/delivery-attempt.entity';
import { Notification } from '../delivery/notification.entity';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, pageOf } from '@concord/platform';
import { NotificationsConfig } from '../notifications.config';
import { recipientOfCaller } from '../routing/recipient';
import { ListNotificationsQuery } from './delivery-log.dto';
import {
  NotificationDetailView,
  NotificationLogView,
  toNotificationDetailView,
  toNotificationLogView,
} from './notification-log.view';

/**
 * The delivery log: what was sent to whom, on which channel, and each try. An organisation sees
 * its own notifications; admins and auditors see all, the administrators' included.
 */
@Injectable()
export class DeliveryLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationsConfig,
  ) {}

  async get(caller: Caller, id: string): Promise<NotificationDetailView> {
    const notification = await this.dataSource.manager.findOneBy(Notification, {
      id,
      ...this.scope(caller),
    });
    if (!notification) {
      throw notFound('NOTIFICATION_NOT_FOUND', `notification ${id} does not exist or is not yours`);
    }
    const attempts = await this.dataSource.manager.find(DeliveryAttempt, {
      where: { notificationId: id },
      order: { number: 'ASC', id: 'ASC' },
    });
    return toNotificationDetailView(notification, attempts);
  }

  /** Newest first, in keyset pages. */
  async page(caller: Caller, query: ListNotificationsQuery): Promise<Page<NotificationLogView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const select = this.dataSource.manager
      .createQueryBuilder(Notification, 'notification')
      .orderBy('notification.created_at', 'DESC')
      .addOrderBy('notification.id', 'DESC')
      .limit(limit + 1);
    const { recipientId } = this.scope(caller);
    if (recipientId) select.andWhere('notification.recipient_id = :recipientId', { recipientId });
    if (query.aboutSubject) {
      select.andWhere('notification.about_subject = :subject', { subject: query.aboutSubject });
    }
    if (query.status) select.andWhere('notification.status = :status', { status: query.status });
    if (query.after) {
      const { at, id } = decodeCursor(query.after);
      select.andWhere('(notification.created_at, notification.id) < (:at, :id)', { at, id });
    }
    return pageOf(await select.getMany(), limit, toNotificationLogView);
  }

  private scope(caller: Caller): { recipientId?: string } {
    if (caller.role === 'admin' || caller.role === 'auditor') return {};
    return { recipientId: recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID).id };
  }
}
