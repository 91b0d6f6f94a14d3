import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@concord/platform';
import { activityFigures, QuarterActivityFigures } from './activity-figures';
import { PartnershipPeriodQuery } from './partnership-period.dto';
import { hasActivities, readActivities, readInitiativePlan } from './partnership.queries';
import { quarterEnd, quarterStart } from './quarter';
import { reportingQuarters } from './reporting-quarters';

export interface ActivityFiguresView {
  readonly initiativeId: string;
  readonly quarters: readonly QuarterActivityFigures[];
}

/** The initiative's joint activities per quarter, against its targets, from one snapshot. */
@Injectable()
export class ActivityFiguresService {
  constructor(private readonly dataSource: DataSource) {}

  of(initiativeId: string, period: PartnershipPeriodQuery): Promise<ActivityFiguresView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const plan = await readInitiativePlan(manager, initiativeId);
      if (!plan && !(await hasActivities(manager, initiativeId))) {
        throw notFound(
          'INITIATIVE_NOT_FOUND',
          `no event about initiative ${initiativeId} or its activities has been recorded`,
        );
      }
      const quarters = reportingQuarters(period, plan, new Date());
      const activities =
        quarters.length === 0
          ? []
          : await readActivities(
              manager,
              initiativeId,
              quarterStart(quarters[0]),
              quarterEnd(quarters[quarters.length - 1]),
            );
      return {
        initiativeId,
        quarters: activityFigures(activities, plan?.kpiTargets ?? [], quarters),
      };
    });
  }
}
