import { ConfigError, loadConfig } from '@concord/platform';
import { InsightsConfig } from './insights.config';
import { stuckLimitsOf } from './stuck/stuck-rules';

const REQUIRED = {
  DATABASE_URL: 'postgres://insights@127.0.0.1:5432/concord_insights',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_PUBLIC_KEY_FILE: '/dev/null',
};

describe('InsightsConfig', () => {
  it('has stuck rules by default: 5 min grace, 15 min unassigned, 24 h no contact, 14 d no outcome', () => {
    expect(stuckLimitsOf(loadConfig(InsightsConfig, REQUIRED))).toEqual({
      offerGraceSeconds: 5 * 60,
      unassignedSeconds: 15 * 60,
      noContactSeconds: 24 * 3600,
      noOutcomeSeconds: 14 * 86400,
    });
  });

  it('reads the stuck rules from the environment', () => {
    const config = loadConfig(InsightsConfig, {
      ...REQUIRED,
      INSIGHTS_STUCK_OFFER_GRACE_MINUTES: '0',
      INSIGHTS_STUCK_NO_OUTCOME_DAYS: '30',
    });
    expect(stuckLimitsOf(config)).toMatchObject({
      offerGraceSeconds: 0,
      noOutcomeSeconds: 30 * 86400,
    });
  });

  it('refuses a limit of zero and names the setting', () => {
    expect(() =>
      loadConfig(InsightsConfig, { ...REQUIRED, INSIGHTS_STUCK_UNASSIGNED_MINUTES: '0' }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig(InsightsConfig, { ...REQUIRED, INSIGHTS_STUCK_UNASSIGNED_MINUTES: '0' }),
    ).toThrow(/INSIGHTS_STUCK_UNASSIGNED_MINUTES/);
  });
});
