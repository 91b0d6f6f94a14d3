import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@concord/auth';
import { KafkaConnection } from '@concord/messaging';
import { EventConsumerStatus } from './event-consumer.status';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

/** What `GET /health` answers, 200 when every check is up and 503 when one is down. */
export interface HealthReport {
  status: 'up' | 'down';
  /** The service's name, e.g. referrals. */
  service: string;
  /** The Node.js version the process runs on, e.g. v24.22.3. */
  node: string;
  checks: { database: CheckResult; kafka: CheckResult; consumer: CheckResult };
}

const CHECK_TIMEOUT_MS = 3000;

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /health`: 200 when the database, the broker and the event consumer all work, else 503;
 * with the Node.js version the process runs on (`node`), so that an operator sees it.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly consumer: EventConsumerStatus,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether the service, its database, broker and consumer work' })
  @ApiResponse({ status: 200, description: 'Every check is up.' })
  @ApiResponse({
    status: 503,
    description: 'A check is down; its `error` says why.',
    schema: { $ref: '#/components/schemas/HealthReport' },
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const [database, kafka] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.kafka.ping(CHECK_TIMEOUT_MS)),
    ]);
    const consumerFailure = this.consumer.failure();
    const checks: HealthReport['checks'] = {
      database,
      kafka,
      consumer: consumerFailure ? { status: 'down', error: consumerFailure } : { status: 'up' },
    };
    const up = Object.values(checks).every((result) => result.status === 'up');
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: up ? 'up' : 'down',
      service: this.kafka.options.service,
      node: process.version,
      checks,
    };
  }
}
