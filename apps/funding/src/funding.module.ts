import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { Budget } from './budgets/budget.entity';
import { BudgetsController } from './budgets/budgets.controller';
import { BudgetsService } from './budgets/budgets.service';
import { FUNDING_EVENTS } from './events/funding.events';
import { FundingConfig } from './funding.config';
import { BudgetLedger } from './ledger/budget-ledger.service';
import { LedgerEntry } from './ledger/ledger-entry.entity';
import { FUNDING_MIGRATIONS } from './migrations';
import { GrantReportController } from './reports/grant-report.controller';
import { GrantReportService } from './reports/grant-report.service';
import { ReservationsService } from './reservations/reservations.service';
import { FundingSource } from './sources/funding-source.entity';
import { FundingSourcesController } from './sources/funding-sources.controller';
import { FundingSourcesService } from './sources/funding-sources.service';

/** Funding sources, budgets per initiative × partner × category, and the append-only ledger. */
@Module({})
export class FundingModule {
  static forRoot(config: FundingConfig): DynamicModule {
    return {
      module: FundingModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: FUNDING_EVENTS,
          config,
          entities: [FundingSource, Budget, LedgerEntry],
          migrations: FUNDING_MIGRATIONS,
        }),
      ],
      controllers: [FundingSourcesController, GrantReportController, BudgetsController],
      providers: [
        { provide: FundingConfig, useValue: config },
        FundingSourcesService,
        BudgetsService,
        BudgetLedger,
        ReservationsService,
        GrantReportService,
      ],
    };
  }
}
