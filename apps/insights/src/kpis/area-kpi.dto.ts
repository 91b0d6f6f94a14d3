import { IsOptional, IsUUID } from 'class-validator';

/** The query of GET /kpis/by-area. */
export class AreaKpiQuery {
  /** Only the carriers (partner, agreement, initiative) of this initiative. */
  @IsOptional() @IsUUID() initiativeId?: string;
}
