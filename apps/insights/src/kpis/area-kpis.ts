/** What one partner, under one agreement and initiative, carried in an area. */
export interface CarrierKpis {
  partnerId: string;
  agreementId: string;
  initiativeId: string;
  offered: number;
  accepted: number;
  completed: number;
}

/** One area's referrals, each counted once per status reached; docs/insights.md defines each. */
export interface AreaKpis {
  areaCode: string;
  submitted: number;
  unassignable: number;
  accepted: number;
  completed: number;
  cancelled: number;
  carriers: CarrierKpis[];
}

/** GET /kpis/by-area: every area, ordered by area code. */
export interface AreaKpisReport {
  areas: AreaKpis[];
}
