import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { CreateSubscriptionRequest } from './subscription.dto';
import { SubscriptionsService } from './subscriptions.service';
import { SubscriptionView } from './subscription.view';
import { SUBSCRIPTION_EXAMPLES } from '../openapi-examples';

const NOT_FOUND = {
  status: 404,
  description: 'SUBSCRIPTION_NOT_FOUND: absent, deleted, or another organisation’s.',
};
const ROLES = { status: 403, description: 'Only dispatchers, partners and admins subscribe.' };

@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('dispatcher', 'partner', 'admin')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe your organisation (or, as an admin, the programme administrators)',
    description:
      'The organisation comes from the token. Its notifications of the given event types go to the channel: a signed webhook, an e-mail address, or the in-app inbox. An organisation without a subscription to an event type it must hear still gets it in its inbox. The webhook secret is never returned.',
  })
  @ApiBody({ type: CreateSubscriptionRequest, examples: SUBSCRIPTION_EXAMPLES })
  @ApiResponse({ status: 201, description: 'The subscription, without the webhook secret.' })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({
    status: 403,
    description:
      'SUBSCRIPTION_AUDIENCE_NOT_ALLOWED: the audience is not the caller’s; or the role may not subscribe.',
  })
  @ApiResponse({
    status: 422,
    description:
      'SUBSCRIPTION_EVENT_TYPES_NOT_ROUTED: the routing table never tells the caller’s role of a type (the message names it and lists the types the role can hear); EMAIL_CHANNEL_DISABLED: no SMTP server is configured.',
  })
  create(
    @CurrentCaller() caller: Caller,
    @Body() request: CreateSubscriptionRequest,
  ): Promise<SubscriptionView> {
    return this.subscriptions.create(caller, request);
  }

  @Get()
  @ApiOperation({
    summary: 'Your organisation’s subscriptions (an admin’s: every one), oldest first',
  })
  @ApiResponse({ status: 200, description: 'The subscriptions, without webhook secrets.' })
  @ApiResponse(ROLES)
  list(@CurrentCaller() caller: Caller): Promise<SubscriptionView[]> {
    return this.subscriptions.list(caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The subscription, without the webhook secret.' })
  @ApiResponse(ROLES)
  @ApiResponse(NOT_FOUND)
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<SubscriptionView> {
    return this.subscriptions.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End a subscription; its notifications not yet delivered are cancelled',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 204, description: 'Ended.' })
  @ApiResponse(ROLES)
  @ApiResponse(NOT_FOUND)
  delete(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.subscriptions.delete(caller, id);
  }
}
