import { Injectable } from '@nestjs/common';
import { KafkaEventServer } from '@concord/messaging';

/** Lets the health check see the event server that main.ts starts outside dependency injection. */
@Injectable()
export class EventConsumerStatus {
  private server?: KafkaEventServer;

  attach(server: KafkaEventServer): void {
    this.server = server;
  }

  failure(): string | undefined {
    if (!this.server) return 'the event consumer has not started';
    return this.server.failure;
  }
}
