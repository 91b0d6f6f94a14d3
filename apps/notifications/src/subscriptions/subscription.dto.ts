import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Channel, CHANNELS, concordCatalogue } from '@concord/contracts';
import { Audience, AUDIENCES } from '../routing/notification-routes';

const EVENT_TYPES = concordCatalogue()
  .all()
  .map((definition) => definition.type);

/** The property may be given only when the request's channel is `channel`. */
function OnlyForChannel(channel: Channel): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyForChannel',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args) => `${args.property} is only for channel ${channel}` },
      validator: {
        validate: (value: unknown, args) =>
          value === undefined || (args?.object as { channel?: unknown }).channel === channel,
      },
    });
}

export class WebhookTargetRequest {
  /** Where Concord POSTs the signed notification; http or https. */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http or https URL' },
  )
  @MaxLength(2000)
  url: string;

  /** Signs every call (HMAC-SHA256); at least 32 characters. Never returned by the API. */
  @IsString()
  @MinLength(32)
  @MaxLength(256)
  secret: string;
}

export class EmailTargetRequest {
  @IsEmail({}, { message: 'address must be an e-mail address' })
  @MaxLength(320)
  address: string;
}

/** The body of POST /subscriptions. */
export class CreateSubscriptionRequest {
  /**
   * `organization` (the caller's own, from its token; for dispatchers and partners) or
   * `administrators` (the programme administrators; for admins). Defaults to the caller's.
   */
  @IsOptional() @IsIn(AUDIENCES) audience?: Audience;

  /** CloudEvents types of the Concord catalogue, e.g. concord.referral.assigned.v1. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, {
    each: true,
    message: (args) => {
      const given: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
      const unknown = given.filter((type) => !EVENT_TYPES.includes(type as string));
      return `eventTypes must be event types of the Concord catalogue, such as concord.referral.assigned.v1; not ${unknown.map((type) => JSON.stringify(type)).join(', ')}`;
    },
  })
  eventTypes: string[];

  @IsIn(CHANNELS) channel: Channel;

  /** Required for channel webhook, and only for it. */
  @ValidateIf(
    (request: CreateSubscriptionRequest) =>
      request.channel === 'webhook' || request.webhook !== undefined,
  )
  @IsDefined({ message: 'webhook is required when channel is webhook' })
  @IsObject()
  @ValidateNested()
  @OnlyForChannel('webhook')
  @Type(() => WebhookTargetRequest)
  webhook?: WebhookTargetRequest;

  /** Required for channel email, and only for it. */
  @ValidateIf(
    (request: CreateSubscriptionRequest) =>
      request.channel === 'email' || request.email !== undefined,
  )
  @IsDefined({ message: 'email is required when channel is email' })
  @IsObject()
  @ValidateNested()
  @OnlyForChannel('email')
  @Type(() => EmailTargetRequest)
  email?: EmailTargetRequest;
}
