import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { BackendClient } from './api/backend-client';
import { ServiceProxyController } from './api/service-proxy.controller';
import { ConsoleConfig } from './console.config';
import { CONSOLE_ENTITIES } from './console.entities';
import { CONSOLE_EVENTS } from './events/console.events';
import { LiveUpdatesController } from './live/live-updates.controller';
import { ReferralChangeFeed } from './live/referral-change-feed';
import { CONSOLE_MIGRATIONS } from './migrations';
import { SessionGuard } from './session/session.guard';
import { SessionService } from './session/session.service';
import { OidcSignInService } from './sign-in/oidc-sign-in.service';
import { SignInController } from './sign-in/sign-in.controller';

/**
 * The web console's backend-for-frontend: sign-in and sessions, the five services' APIs called
 * with the session's token, and live "this referral changed" notices over Server-Sent Events.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: CONSOLE_EVENTS,
          config,
          entities: CONSOLE_ENTITIES,
          migrations: CONSOLE_MIGRATIONS,
        }),
      ],
      controllers: [SignInController, ServiceProxyController, LiveUpdatesController],
      providers: [
        { provide: ConsoleConfig, useValue: config },
        SessionService,
        SessionGuard,
        OidcSignInService,
        BackendClient,
        ReferralChangeFeed,
      ],
    };
  }
}
