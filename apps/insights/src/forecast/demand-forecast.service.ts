import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { unprocessable } from '@concord/platform';
import { demandForecast, DemandForecastCounts } from './demand-forecast';
import { DEFAULT_FORECAST_WEEKS, DemandForecastQuery } from './demand-forecast.dto';
import {
  firstSubmission,
  readArrivalCounts,
  readCapacities,
  readDemandCounts,
  readTimeOpen,
} from './demand-forecast.query';
import { DemandForecastView } from './demand-forecast.view';
import { ForecastInputError } from './forecast-input.error';
import { historyWindow } from './history-window';

/**
 * The demand forecast and the partners' capacity outlook: the counts read in one snapshot, then
 * forecast in memory. The forecast module's ForecastInputError becomes a 422 with its code here,
 * the one place it can reach HTTP.
 */
@Injectable()
export class DemandForecastService {
  constructor(private readonly dataSource: DataSource) {}

  async forecast(query: DemandForecastQuery): Promise<DemandForecastView> {
    const counts = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readForecastCounts(manager, query, Date.now()),
    );
    try {
      return demandForecast(counts);
    } catch (error) {
      if (error instanceof ForecastInputError) throw unprocessable(error.code, error.message);
      throw error;
    }
  }
}

async function readForecastCounts(
  manager: EntityManager,
  query: DemandForecastQuery,
  now: number,
): Promise<DemandForecastCounts> {
  const filters = {
    initiativeId: query.initiativeId ?? null,
    category: query.category ?? null,
    areaCode: query.areaCode ?? null,
    weeks: query.weeks ?? DEFAULT_FORECAST_WEEKS,
  };
  const window = historyWindow(await firstSubmission(manager, query), now);
  if (window === null) {
    return { filters, window, demand: [], arrivals: [], timeOpen: [], capacities: [] };
  }
  const [demand, arrivals] = await Promise.all([
    readDemandCounts(manager, query, window),
    readArrivalCounts(manager, query, window),
  ]);
  const partnerIds = [...new Set(arrivals.map(({ partnerId }) => partnerId))];
  const [timeOpen, capacities] = await Promise.all([
    readTimeOpen(manager, partnerIds, window),
    readCapacities(manager, partnerIds),
  ]);
  return { filters, window, demand, arrivals, timeOpen, capacities };
}
