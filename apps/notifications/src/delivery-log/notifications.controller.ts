import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { Page } from '@concord/platform';
import { NOTIFICATION_STATUSES } from '../delivery/notification.entity';
import { ListNotificationsQuery } from './delivery-log.dto';
import { DeliveryLogService } from './delivery-log.service';
import { NotificationDetailView, NotificationLogView } from './notification-log.view';

@ApiTags('delivery log')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('dispatcher', 'partner', 'admin', 'auditor')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly log: DeliveryLogService) {}

  @Get()
  @ApiOperation({
    summary: 'The delivery log, newest first',
    description:
      "A dispatcher or partner sees its organisation's notifications; admins and auditors all of them. Keyset pagination: pass nextCursor as `after`.",
  })
  @ApiQuery({
    name: 'aboutSubject',
    required: false,
    description: 'A referral (or budget, agreement) id',
  })
  @ApiQuery({ name: 'status', required: false, enum: NOTIFICATION_STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 20' })
  @ApiQuery({ name: 'after', required: false, description: 'The nextCursor of the previous page' })
  @ApiResponse({ status: 200, description: '{ items, nextCursor }' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListNotificationsQuery,
  ): Promise<Page<NotificationLogView>> {
    return this.log.page(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One notification with every try: time, channel, response code or error, duration',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The notification and its attempts, in order.' })
  @ApiResponse({ status: 404, description: 'NOTIFICATION_NOT_FOUND: absent, or not yours.' })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<NotificationDetailView> {
    return this.log.get(caller, id);
  }
}
