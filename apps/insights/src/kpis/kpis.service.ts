import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KpiQuery } from './kpi.dto';
import { KpiBreakdown, KpiReport } from './kpi-report';
import { readKpiBreakdown, readKpiReport } from './kpi-report.query';

/** KPIs computed at query time from the read models, each answer from one snapshot. */
@Injectable()
export class KpisService {
  constructor(private readonly dataSource: DataSource) {}

  report(filters: KpiQuery): Promise<KpiReport> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readKpiReport(manager, filters),
    );
  }

  breakdown(filters: KpiQuery, by: KpiBreakdown['by']): Promise<KpiBreakdown> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readKpiBreakdown(manager, filters, by),
    );
  }
}
