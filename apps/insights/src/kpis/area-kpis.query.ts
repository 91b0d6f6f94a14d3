import { EntityManager } from 'typeorm';
import { AreaKpiQuery } from './area-kpi.dto';
import { AreaKpis, AreaKpisReport } from './area-kpis';

type Counts = Omit<AreaKpis, 'areaCode' | 'carriers'>;

interface CarrierRow {
  area_code: string;
  partner_id: string;
  agreement_id: string;
  initiative_id: string;
  offered: number;
  accepted: number;
  completed: number;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every area from the area_figures rollup, each with its carriers from area_carrier_figures (of
 * the initiative, when one is asked for; the area's own counts are of every initiative).
 */
export async function readAreaKpis(
  manager: EntityManager,
  query: AreaKpiQuery,
): Promise<AreaKpisReport> {
  const areas = (await manager.query(
    `SELECT area_code, submitted, unassignable, accepted, completed, cancelled FROM area_figures`,
  )) as (Counts & { area_code: string })[];
  const carriers = (await manager.query(
    `SELECT area_code, partner_id, agreement_id, initiative_id, offered, accepted, completed
       FROM area_carrier_figures
      WHERE $1::uuid IS NULL OR initiative_id = $1::uuid
      ORDER BY partner_id, agreement_id, initiative_id`,
    [query.initiativeId ?? null],
  )) as CarrierRow[];
  const byCode = new Map<string, AreaKpis>();
  const areaOf = (code: string): AreaKpis => {
    const found = byCode.get(code);
    if (found) return found;
    // Offers of a referral whose area has no count yet (its submission not recorded).
    const area: AreaKpis = {
      areaCode: code,
      submitted: 0,
      unassignable: 0,
      accepted: 0,
      completed: 0,
      cancelled: 0,
      carriers: [],
    };
    byCode.set(code, area);
    return area;
  };
  for (const { area_code, ...counts } of areas) Object.assign(areaOf(area_code), counts);
  for (const row of carriers) {
    areaOf(row.area_code).carriers.push({
      partnerId: row.partner_id,
      agreementId: row.agreement_id,
      initiativeId: row.initiative_id,
      offered: row.offered,
      accepted: row.accepted,
      completed: row.completed,
    });
  }
  return {
    areas: [...byCode.values()].sort((a, b) => byCodeUnits(a.areaCode, b.areaCode)),
  };
}
