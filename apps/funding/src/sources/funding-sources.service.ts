import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { toCents } from '../ledger/cents';
import { CreateFundingSourceRequest } from './funding-source.dto';
import { FundingSource } from './funding-source.entity';
import { FundingSourceView, toFundingSourceView } from './funding-source.view';

/** Grants and budget lines: what each awards, and how much of it budgets have been given. */
@Injectable()
export class FundingSourcesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(request: CreateFundingSourceRequest, caller: Caller): Promise<FundingSourceView> {
    const source = this.dataSource.manager.create(FundingSource, {
      id: randomUUID(),
      name: request.name,
      funder: request.funder,
      kind: request.kind,
      awardCents: request.awardCents,
      periodFrom: request.periodFrom,
      periodTo: request.periodTo,
      restrictions: request.restrictions ?? null,
      createdBy: caller.subject,
      createdAt: new Date(),
    });
    await this.dataSource.manager.insert(FundingSource, source);
    return toFundingSourceView(source, 0);
  }

  async list(): Promise<FundingSourceView[]> {
    const sources = await this.dataSource.manager.find(FundingSource, {
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const allocated = await allocatedBySource(this.dataSource.manager);
    return sources.map((source) => toFundingSourceView(source, allocated.get(source.id) ?? 0));
  }

  async get(id: string): Promise<FundingSourceView> {
    const source = await this.dataSource.manager.findOneBy(FundingSource, { id });
    if (!source) throw fundingSourceNotFound(id);
    const allocated = await allocatedBySource(this.dataSource.manager, id);
    return toFundingSourceView(source, allocated.get(id) ?? 0);
  }
}

/** The cents each source (or the one given) has allocated to budgets, from the ledger. */
export async function allocatedBySource(
  manager: EntityManager,
  sourceId?: string,
): Promise<Map<string, number>> {
  const rows = (await manager.query(
    `SELECT source_id, sum(amount_cents) AS cents FROM ledger_entries
      WHERE kind = 'allocate' AND ($1::uuid IS NULL OR source_id = $1)
      GROUP BY source_id`,
    [sourceId ?? null],
  )) as { source_id: string; cents: string }[];
  return new Map(rows.map((row) => [row.source_id, toCents(row.cents)]));
}

export const fundingSourceNotFound = (id: string) =>
  notFound('FUNDING_SOURCE_NOT_FOUND', `funding source ${id} does not exist`);
