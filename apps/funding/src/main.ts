import 'reflect-metadata';
import { runService } from '@concord/platform';
import { FUNDING_SERVICE } from './funding.service-spec';

void runService(FUNDING_SERVICE);
