import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { concordCatalogue } from '@concord/contracts';
import { eventManifest, handledEvents } from '@concord/messaging';
import { runService, ServiceConfig, ServicePlatformModule } from '@concord/platform';
import { SERVICE_MANIFESTS } from '../../concord-events';

const SERVICES = SERVICE_MANIFESTS.map(({ service }) => service);

class FloorConfig extends ServiceConfig {
  /** The service whose subscriptions this consumer copies. */
  @IsIn(SERVICES)
  FLOOR_OF: string;
}

/**
 * The benchmark's floor: a consumer on the real platform (the same KafkaEventServer, batches,
 * dedup record and offset commits) that handles exactly the event types one service handles,
 * with handlers that do nothing. Run beside the real services in a consumer group of its own, it
 * costs what the messaging library costs before any domain work.
 */
@Module({})
class FloorModule {
  static forRoot(config: FloorConfig): DynamicModule {
    const copied = SERVICE_MANIFESTS.find(({ service }) => service === config.FLOOR_OF);
    if (!copied) throw new Error(`no manifest for ${config.FLOOR_OF}`);
    const events = eventManifest({
      service: `floor-${copied.service}`,
      topics: [],
      handles: (on) => [on(handledEvents(copied), () => undefined)],
    });
    return {
      module: FloorModule,
      imports: [ServicePlatformModule.forRoot({ events, config, catalogue: concordCatalogue() })],
    };
  }
}

void runService({
  service: 'floor',
  configClass: FloorConfig,
  module: FloorModule.forRoot,
  openApi: {
    title: 'Concord benchmark floor',
    description: 'A benchmark fixture: consumes what one service consumes and does nothing else.',
    answers: { operations: {}, schemas: {} },
  },
});
