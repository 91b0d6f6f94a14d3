import { PhaseResult } from './hand-off-phase';

export interface ProfileResult {
  readonly method: string;
  readonly phase: PhaseResult;
  readonly queries: { database: string; query: string; samples: number; share: number }[];
}
