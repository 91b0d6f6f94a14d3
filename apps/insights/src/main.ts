import 'reflect-metadata';
import { runService } from '@concord/platform';
import { INSIGHTS_SERVICE } from './insights.service-spec';

void runService(INSIGHTS_SERVICE);
