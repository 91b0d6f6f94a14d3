import 'reflect-metadata';
import { runService } from '@concord/platform';
import { InsightsConfig } from './insights.config';
import { InsightsModule } from './insights.module';

void runService({
  service: 'insights',
  configClass: InsightsConfig,
  module: InsightsModule.forRoot,
});
