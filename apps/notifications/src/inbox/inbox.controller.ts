import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { InboxQuery } from './inbox.dto';
import { InboxItemView } from './inbox-item.view';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@ApiResponse({ status: 403, description: 'Only dispatchers, partners and admins have an inbox.' })
@Roles('dispatcher', 'partner', 'admin')
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({
    summary: 'Your organisation’s inbox (an admin’s: the programme administrators’), newest first',
    description: 'Keyset pagination: pass nextCursor as `after`.',
  })
  @ApiQuery({ name: 'unread', required: false, description: '`true`: only unread items' })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 20' })
  @ApiQuery({ name: 'after', required: false, description: 'The nextCursor of the previous page' })
  @ApiResponse({ status: 200, description: '{ items, nextCursor }' })
  list(@CurrentCaller() caller: Caller, @Query() query: InboxQuery): Promise<Page<InboxItemView>> {
    return this.inbox.page(caller, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an inbox item read (again: keeps the first time)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The item with readAt.' })
  @ApiResponse({ status: 404, description: 'INBOX_ITEM_NOT_FOUND: absent, or not yours.' })
  markRead(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<InboxItemView> {
    return this.inbox.markRead(caller, id);
  }
}
