import 'reflect-metadata';
import { runService } from '@concord/platform';
import { AGREEMENTS_SERVICE } from './agreements.service-spec';

void runService(AGREEMENTS_SERVICE);
