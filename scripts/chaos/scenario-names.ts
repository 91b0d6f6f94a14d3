/** The scenarios, in the order a full run plays them; each names the fault it injects. */
export const SCENARIO_NAMES = [
  'steady',
  'kill-9',
  'rebalance',
  'broker-restart',
  'postgres-restart',
  'webhook-receiver',
  'poison',
  'mixed',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];
