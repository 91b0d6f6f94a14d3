import 'reflect-metadata';
import { runService } from '@concord/platform';
import { ReferralsConfig } from './referrals.config';
import { ReferralsModule } from './referrals.module';

void runService({
  service: 'referrals',
  configClass: ReferralsConfig,
  module: ReferralsModule.forRoot,
});
