import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { NOTIFICATION_STATUSES, NotificationStatus } from '../delivery/notification.entity';
import { PageQuery } from '@concord/platform';

export class ListNotificationsQuery extends PageQuery {
  /** The referral (or budget, agreement) the notifications are about. */
  @IsOptional() @IsUUID('all', { message: 'aboutSubject must be a UUID' }) aboutSubject?: string;
  @IsOptional() @IsIn(NOTIFICATION_STATUSES) status?: NotificationStatus;
}
