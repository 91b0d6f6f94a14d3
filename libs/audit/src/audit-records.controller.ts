import { applyDecorators, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { AuditFilter } from './audit-entry';
import { AUDIT_OUTCOMES, AuditRecord } from './audit-record.entity';
import { AuditRecordsFilterQuery, AuditRecordsQuery } from './audit-records.query.dto';
import { csvHeader, csvRow } from './audit-csv.util';
import { AUDIT_OPTIONS, AuditOptions } from './audit.options';
import { AuditTrail } from './audit-trail.service';

const EXPORT_BATCH = 1000;

const ApiFilterQueries = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'person', required: false, description: 'A referral id (subject_ref)' }),
    ApiQuery({ name: 'user', required: false, description: 'The acting token subject' }),
    ApiQuery({
      name: 'organization',
      required: false,
      description: "The actor's organisation UUID",
    }),
    ApiQuery({ name: 'from', required: false, description: 'ISO 8601 date-time, inclusive' }),
    ApiQuery({ name: 'to', required: false, description: 'ISO 8601 date-time, inclusive' }),
    ApiQuery({ name: 'action', required: false, description: 'e.g. referral.read-person' }),
    ApiQuery({ name: 'outcome', required: false, enum: AUDIT_OUTCOMES }),
  );

const filterOf = (query: AuditRecordsFilterQuery): AuditFilter => ({
  person: query.person,
  user: query.user,
  organization: query.organization,
  from: query.from === undefined ? undefined : new Date(query.from),
  to: query.to === undefined ? undefined : new Date(query.to),
  action: query.action,
  outcome: query.outcome,
});

/** What auditors read of this service's audit trail. Nothing here, or anywhere, changes it. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-records')
@Roles('auditor', 'admin')
export class AuditRecordsController {
  constructor(
    private readonly trail: AuditTrail,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A page of this service's audit records, newest first",
    description:
      'Filters: person (a referral id), user (token subject), organization, from/to (ISO 8601, inclusive), action, outcome. Keyset pagination: pass nextCursor as `after`. The query itself is audited (audit-record.query).',
  })
  @ApiFilterQueries()
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  @ApiQuery({ name: 'after', required: false, description: 'The nextCursor of the previous page' })
  @ApiResponse({ status: 200, description: '{ items, nextCursor }' })
  @ApiResponse({ status: 403, description: 'Only auditors and administrators.' })
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditRecordsQuery,
  ): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    await this.recordAccess(caller, 'audit-record.query', query);
    const items = await this.trail.find(filterOf(query), limit, query.after);
    return {
      items,
      nextCursor: items.length === limit ? (items[items.length - 1]?.id ?? null) : null,
    };
  }

  @Get('export')
  @ApiOperation({
    summary: 'Every matching audit record as CSV',
    description:
      'The same filters as GET /audit-records, all pages, newest first (RFC 4180, CRLF). The export itself is audited (audit-record.export).',
  })
  @ApiFilterQueries()
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'The records as a CSV attachment: a header row, then one row per record.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 403, description: 'Only auditors and administrators.' })
  async export(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditRecordsFilterQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.recordAccess(caller, 'audit-record.export', query);
    const filter = filterOf(query);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-records-${this.options.service}-${stamp}.csv"`,
    );
    response.write(csvHeader());
    let after: string | undefined;
    for (;;) {
      const batch = await this.trail.find(filter, EXPORT_BATCH, after);
      for (const record of batch) response.write(csvRow(record));
      if (batch.length < EXPORT_BATCH) break;
      after = batch[batch.length - 1]?.id;
    }
    response.end();
  }

  /** Who looked at the trail, and for what: the filters are ids and dates, never personal data. */
  private recordAccess(caller: Caller, action: string, query: object): Promise<void> {
    return this.trail.record([
      {
        actorSubject: caller.subject,
        actorOrganization: caller.organizationId ?? null,
        actorRole: caller.role,
        action,
        objectType: 'audit-record',
        outcome: 'allowed',
        httpMethod: 'GET',
        reason: new URLSearchParams(
          Object.entries(query)
            .filter(([, value]) => value !== undefined)
            .map(([name, value]): [string, string] => [name, String(value)]),
        ).toString(),
      },
    ]);
  }
}
