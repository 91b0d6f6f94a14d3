import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { ReferralsConfig } from './referrals.config';
import { REFERRALS_MIGRATIONS } from './migrations';

/** Intake, the assignment engine and partner queues (issue 3). */
@Module({})
export class ReferralsModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'referrals',
          config,
          migrations: REFERRALS_MIGRATIONS,
        }),
      ],
    };
  }
}
