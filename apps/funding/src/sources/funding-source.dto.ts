import { IsIn, IsOptional } from 'class-validator';
import { IsAfter, IsIsoDate, IsText } from '@concord/platform';
import { IsCents } from '../ledger/cents';
import { FUNDING_SOURCE_KINDS, FundingSourceKind } from './funding-source.entity';

/** The body of POST /funding-sources. */
export class CreateFundingSourceRequest {
  @IsText(200) name: string;
  /** Who awards the money, e.g. "US DOJ COPS Office". */
  @IsText(200) funder: string;
  @IsIn(FUNDING_SOURCE_KINDS) kind: FundingSourceKind;
  /** The whole award, in cents. */
  @IsCents() awardCents: number;
  @IsIsoDate() periodFrom: string;
  @IsIsoDate() @IsAfter('periodFrom') periodTo: string;
  /** What the money may and may not pay for. */
  @IsOptional() @IsText(5000) restrictions?: string;
}
