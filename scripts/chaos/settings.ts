import { SCENARIO_NAMES, ScenarioName } from './scenario-names';

/** What a chaos run does, from the environment (see docs/chaos.md). */
export interface ChaosSettings {
  /** Referrals the load generator submits in each scenario. */
  referralsPerScenario: number;
  /** Referrals submitted per second. */
  rate: number;
  scenarios: ScenarioName[];
  /** How long the system may take to reconcile after the load and the faults stop. */
  settleTimeoutMs: number;
  kafkaPort: number;
  kafkaControllerPort: number;
  postgresPort: number;
  /** First HTTP port of the services; each instance takes the next free one from here. */
  firstHttpPort: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return value;
}

function scenarios(raw: string | undefined): ScenarioName[] {
  if (raw === undefined || raw.trim() === '') return [...SCENARIO_NAMES];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(
      `CHAOS_SCENARIOS: unknown ${unknown.join(', ')}; known: ${SCENARIO_NAMES.join(', ')}`,
    );
  return names as ScenarioName[];
}

export function chaosSettings(env: NodeJS.ProcessEnv = process.env): ChaosSettings {
  return {
    referralsPerScenario: positiveInteger(env, 'CHAOS_REFERRALS_PER_SCENARIO', 1000),
    rate: positiveInteger(env, 'CHAOS_RATE', 20),
    scenarios: scenarios(env.CHAOS_SCENARIOS),
    settleTimeoutMs: positiveInteger(env, 'CHAOS_SETTLE_TIMEOUT_S', 180) * 1000,
    kafkaPort: positiveInteger(env, 'CHAOS_KAFKA_PORT', 19092),
    kafkaControllerPort: positiveInteger(env, 'CHAOS_KAFKA_CONTROLLER_PORT', 19093),
    postgresPort: positiveInteger(env, 'CHAOS_PG_PORT', 15432),
    firstHttpPort: positiveInteger(env, 'CHAOS_HTTP_PORT', 18100),
  };
}
