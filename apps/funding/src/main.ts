import 'reflect-metadata';
import { runService } from '@concord/platform';
import { FundingConfig } from './funding.config';
import { FundingModule } from './funding.module';

void runService({ service: 'funding', configClass: FundingConfig, module: FundingModule.forRoot });
