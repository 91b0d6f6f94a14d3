import { chaosSettings } from './settings';

describe('chaos settings from the environment', () => {
  it('plays every scenario with the documented defaults when nothing is set', () => {
    const settings = chaosSettings({});
    expect(settings).toMatchObject({ referralsPerScenario: 1000, rate: 20, kafkaPort: 19092 });
    expect(settings.scenarios[0]).toBe('steady');
    expect(settings.scenarios).toContain('mixed');
  });

  it('plays only the scenarios CHAOS_SCENARIOS lists, in its order', () => {
    expect(chaosSettings({ CHAOS_SCENARIOS: 'poison, kill-9' }).scenarios).toEqual([
      'poison',
      'kill-9',
    ]);
  });

  it('refuses an unknown scenario and names the known ones', () => {
    expect(() => chaosSettings({ CHAOS_SCENARIOS: 'kill-9,meteor' })).toThrow(
      /CHAOS_SCENARIOS: unknown meteor; known: steady, kill-9/,
    );
  });

  it('refuses a rate that is not a positive integer', () => {
    expect(() => chaosSettings({ CHAOS_RATE: '0' })).toThrow(
      'CHAOS_RATE must be a positive integer',
    );
    expect(() => chaosSettings({ CHAOS_REFERRALS_PER_SCENARIO: 'lots' })).toThrow(
      'CHAOS_REFERRALS_PER_SCENARIO must be a positive integer',
    );
  });
});
