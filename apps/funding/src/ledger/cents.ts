import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { ValueTransformer } from 'typeorm';

/**
 * Money is integer cents, stored as bigint. The largest amount accepted, a trillion dollars, keeps
 * every sum the service makes far below Number.MAX_SAFE_INTEGER.
 */
export const MAX_CENTS = 100_000_000_000_000;

/**
 * An amount of money in a request: whole cents, at least `min`. IsInt goes last, as it would at
 * the top of a decorator stack, so that the JSON schema says integer (not Min's number).
 */
export const IsCents = (min = 1): PropertyDecorator =>
  applyDecorators(Max(MAX_CENTS), Min(min), IsInt());

/** PostgreSQL hands bigint back as a string; our amounts always fit a JS number exactly. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Sums and counts from SQL (bigint or numeric, as text) as numbers; null (no rows) is 0. */
export const toCents = (value: string | number | null | undefined): number =>
  value === null || value === undefined ? 0 : Number(value);
