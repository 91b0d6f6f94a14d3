import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { FundingConfig } from './funding.config';
import { FUNDING_MIGRATIONS } from './migrations';

/** Funding sources, budgets and the append-only ledger (issue 4). */
@Module({})
export class FundingModule {
  static forRoot(config: FundingConfig): DynamicModule {
    return {
      module: FundingModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'funding',
          config,
          migrations: FUNDING_MIGRATIONS,
        }),
      ],
    };
  }
}
