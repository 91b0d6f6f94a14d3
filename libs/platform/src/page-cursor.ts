import { BadRequestException } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { isUuid } from '@concord/auth';
import { toInt } from './service-config';

/**
 * A keyset position: the sort time and id of the last item of a page, opaque to clients. Every
 * paged list of every service uses this one (ids are UUIDs).
 */
export interface PageCursor {
  readonly at: Date;
  readonly id: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** `limit` and `after` of a list, newest first. */
export class PageQuery {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional() @IsString() @MaxLength(200) after?: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && isUuid(id) && !Number.isNaN(date.getTime())) {
      return { at: date, id };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: ['after must be the nextCursor of a previous page'],
  });
}

/** The page of `rows` (fetched with limit + 1) and the cursor after its last item. */
export function pageOf<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
