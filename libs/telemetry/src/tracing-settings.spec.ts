import { TracingSettingError, tracingSettings } from './tracing-settings';

describe('tracing settings from the OTEL_* environment', () => {
  const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };

  it('is off when no OTLP endpoint is configured', () => {
    expect(tracingSettings({})).toEqual({ enabled: false });
  });

  it('is on with an endpoint, exporting OTLP/HTTP protobuf, the specification default', () => {
    expect(tracingSettings(endpoint)).toMatchObject({ enabled: true, protocol: 'http/protobuf' });
  });

  it('is on with a traces-only endpoint', () => {
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }),
    ).toMatchObject({ enabled: true });
  });

  it('is on with OTEL_TRACES_EXPORTER=otlp and no endpoint (the default localhost:4318)', () => {
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({ enabled: true });
  });

  it('is off when the SDK is disabled, whatever else is set', () => {
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toEqual({
      enabled: false,
    });
  });

  it('is off when the traces exporter is none', () => {
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual({
      enabled: false,
    });
  });

  it('takes the traces protocol over the general one', () => {
    expect(
      tracingSettings({
        ...endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      }),
    ).toMatchObject({ protocol: 'http/json' });
  });

  it('refuses grpc, naming the setting', () => {
    expect(() => tracingSettings({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      new TracingSettingError(
        'OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (grpc is not supported), not grpc',
      ),
    );
  });

  it('refuses an exporter other than otlp, naming the setting', () => {
    expect(() => tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(
      /OTEL_TRACES_EXPORTER must be otlp or none/,
    );
  });

  it('samples parent-based, always on, by default', () => {
    expect(tracingSettings(endpoint)).toMatchObject({
      sampler: { kind: 'always_on', parentBased: true, ratio: 1 },
    });
  });

  it('reads a ratio sampler and its argument', () => {
    expect(
      tracingSettings({
        ...endpoint,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toMatchObject({ sampler: { kind: 'traceidratio', parentBased: true, ratio: 0.25 } });
  });

  it('refuses a ratio outside 0 to 1, naming the setting', () => {
    expect(() =>
      tracingSettings({
        ...endpoint,
        OTEL_TRACES_SAMPLER: 'traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '2',
      }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/);
  });

  it('refuses an unknown sampler, naming the setting', () => {
    expect(() => tracingSettings({ ...endpoint, OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(
      /OTEL_TRACES_SAMPLER must be one of/,
    );
  });

  it('reads the batch processor settings', () => {
    expect(
      tracingSettings({
        ...endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        OTEL_BSP_MAX_QUEUE_SIZE: '10',
      }),
    ).toMatchObject({ batch: { scheduledDelayMillis: 200, maxQueueSize: 10 } });
  });

  it('refuses a batch setting that is not a positive whole number, naming it', () => {
    expect(() => tracingSettings({ ...endpoint, OTEL_BSP_SCHEDULE_DELAY: '-5' })).toThrow(
      /OTEL_BSP_SCHEDULE_DELAY must be a positive whole number/,
    );
  });
});
