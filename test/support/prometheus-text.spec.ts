import { parsePrometheusText } from './prometheus-text';

describe('the Prometheus text parser the metrics tests use', () => {
  it('reads families, their types and labelled samples', () => {
    const families = parsePrometheusText(
      [
        '# HELP concord_consumer_lag Messages not yet consumed',
        '# TYPE concord_consumer_lag gauge',
        'concord_consumer_lag{topic="concord.referrals.v1",partition="0",service="funding"} 3',
        '# TYPE concord_http_request_duration_seconds histogram',
        'concord_http_request_duration_seconds_bucket{le="+Inf",route="/referrals"} 2',
        'concord_http_request_duration_seconds_sum{route="/referrals"} 0.25',
        'concord_http_request_duration_seconds_count{route="/referrals"} 2',
      ].join('\n'),
    );
    expect(families.get('concord_consumer_lag')).toEqual({
      name: 'concord_consumer_lag',
      type: 'gauge',
      help: 'Messages not yet consumed',
      samples: [
        {
          name: 'concord_consumer_lag',
          labels: { topic: 'concord.referrals.v1', partition: '0', service: 'funding' },
          value: 3,
        },
      ],
    });
    expect(families.get('concord_http_request_duration_seconds')?.samples).toHaveLength(3);
  });

  it('refuses a sample of no declared family', () => {
    expect(() => parsePrometheusText('orphan_metric 1')).toThrow(/belongs to no declared family/);
  });

  it('refuses a value that is not a number', () => {
    expect(() => parsePrometheusText('# TYPE a gauge\na one')).toThrow(/not a number/);
  });

  it('refuses malformed labels', () => {
    expect(() => parsePrometheusText('# TYPE a gauge\na{b=c} 1')).toThrow(/malformed labels/);
  });
});
