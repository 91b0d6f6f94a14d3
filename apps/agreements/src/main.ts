import 'reflect-metadata';
import { runService } from '@concord/platform';
import { AgreementsConfig } from './agreements.config';
import { AgreementsModule } from './agreements.module';

void runService({
  service: 'agreements',
  configClass: AgreementsConfig,
  module: AgreementsModule.forRoot,
});
