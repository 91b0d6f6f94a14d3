import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { Notification } from '../delivery/notification.entity';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, pageOf } from '@concord/platform';
import { NotificationsConfig } from '../notifications.config';
import { recipientOfCaller } from '../routing/recipient';
import { InboxQuery } from './inbox.dto';
import { InboxItemView, toInboxItemView } from './inbox-item.view';

/** The in-app inbox of an organisation, or of the programme administrators for an admin. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotificationsConfig,
  ) {}

  /** Newest first, in keyset pages. */
  async page(caller: Caller, query: InboxQuery): Promise<Page<InboxItemView>> {
    const owner = recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const select = this.dataSource.manager
      .createQueryBuilder(Notification, 'item')
      .where('item.recipient_id = :owner', { owner: owner.id })
      .andWhere(`item.channel = 'inbox'`)
      .orderBy('item.created_at', 'DESC')
      .addOrderBy('item.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) select.andWhere('item.read_at IS NULL');
    if (query.after) {
      const { at, id } = decodeCursor(query.after);
      select.andWhere('(item.created_at, item.id) < (:at, :id)', { at, id });
    }
    return pageOf(await select.getMany(), limit, toInboxItemView);
  }

  /** Marks the item read; reading it again keeps the first time. */
  async markRead(caller: Caller, id: string): Promise<InboxItemView> {
    const owner = recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID);
    const [rows] = (await this.dataSource.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND recipient_id = $2 AND channel = 'inbox'
        RETURNING id`,
      [id, owner.id],
    )) as [{ id: string }[], number];
    if (rows.length === 0) {
      throw notFound('INBOX_ITEM_NOT_FOUND', `inbox item ${id} does not exist or is not yours`);
    }
    return toInboxItemView(await this.dataSource.manager.findOneByOrFail(Notification, { id }));
  }
}
