import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { toInt } from '@concord/platform';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** HSDS's paging parameters: `page` from 1, `per_page` items on each. */
export class HsdsPageQuery {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) page?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) per_page?: number;
  /** Text the name must contain (case-insensitive). */
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  /** HSDS's answer format: Concord answers JSON only (ndjson streams are not offered). */
  @IsOptional() @IsIn(['json']) format?: 'json';
}

export class HsdsServicesQuery extends HsdsPageQuery {
  @IsOptional() @IsUUID() organization_id?: string;
  @IsOptional() @IsUUID() taxonomy_term_id?: string;
  @IsOptional() @IsUUID() taxonomy_id?: string;
  /** Whole services (schedules, areas, attributes) rather than list items. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() full?: boolean;
}

export class HsdsOrganizationsQuery extends HsdsPageQuery {
  /** Each organisation with its whole services, as GET /hsds/organizations/{id} answers. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() full_service?: boolean;
}

export class HsdsTaxonomyTermsQuery extends HsdsPageQuery {
  @IsOptional() @IsUUID() taxonomy_id?: string;
  @IsOptional() @IsUUID() parent_id?: string;
  /** Only terms without a parent (all of Concord's are). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() top_only?: boolean;
}

export const DEFAULT_PER_PAGE = 50;
