import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { AgreementsConfig } from './agreements.config';
import { AGREEMENTS_MIGRATIONS } from './migrations';

/** Partner organisations, initiatives and agreements (MOUs) (issue 3). */
@Module({})
export class AgreementsModule {
  static forRoot(config: AgreementsConfig): DynamicModule {
    return {
      module: AgreementsModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'agreements',
          config,
          migrations: AGREEMENTS_MIGRATIONS,
        }),
      ],
    };
  }
}
