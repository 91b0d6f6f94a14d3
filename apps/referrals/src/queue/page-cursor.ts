import { BadRequestException } from '@nestjs/common';

/** A keyset position: the sort time and id of the last item of a page, opaque to clients. */
export interface PageCursor {
  readonly at: Date;
  readonly id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(date.getTime())) {
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
