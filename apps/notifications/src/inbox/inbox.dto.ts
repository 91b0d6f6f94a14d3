import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '@concord/platform';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class InboxQuery extends PageQuery {
  /** `true`: only the items not marked read yet. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() unread?: boolean;
}
