import { BadRequestException } from '@nestjs/common';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, if sent, refused with a 400 unless it is 1-200 visible ASCII. */
export function checkedIdempotencyKey(header: string | undefined): string | undefined {
  if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: ['Idempotency-Key must be 1 to 200 visible ASCII characters'],
    });
  }
  return header;
}
