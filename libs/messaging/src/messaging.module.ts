import { DynamicModule, Module } from '@nestjs/common';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { Outbox } from './outbox.service';
import { OutboxRelay } from './outbox-relay';
import { ProcessedMessagesPurge } from './processed-messages-purge';

/**
 * The outbox, its relay, the Kafka connection and the purge of old processed message ids of one
 * service. Needs TypeORM's DataSource.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        Outbox,
        OutboxRelay,
        ProcessedMessagesPurge,
      ],
      exports: [KafkaConnection, Outbox, OutboxRelay],
    };
  }
}
