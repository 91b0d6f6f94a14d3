import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AreaKpiQuery } from './area-kpi.dto';
import { AreaKpisReport } from './area-kpis';
import { readAreaKpis } from './area-kpis.query';
import { KpiQuery } from './kpi.dto';
import { KpiBreakdown, KpiReport } from './kpi-report';
import { readKpiBreakdown, readKpiReport } from './kpi-report.query';
import { WeeklyKpiQuery } from './weekly-kpi.dto';
import { WeeklyKpis } from './weekly-kpis';
import { readWeeklyKpis } from './weekly-kpis.query';

/**
 * KPIs computed at query time from the read models, and the weekly and per-area figures read
 * from the rollups the projection keeps; each answer from one snapshot.
 */
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

  weekly(query: WeeklyKpiQuery): Promise<WeeklyKpis> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readWeeklyKpis(manager, query, Date.now()),
    );
  }

  byArea(query: AreaKpiQuery): Promise<AreaKpisReport> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readAreaKpis(manager, query),
    );
  }
}
