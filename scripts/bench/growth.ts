export interface GrowthCall {
  readonly name: string;
  readonly count: number;
  readonly p50: number | null;
  readonly p99: number | null;
}
export interface GrowthResult {
  readonly sizes: { referrals: number; calls: GrowthCall[] }[];
}
