import 'reflect-metadata';
import { runService } from '@concord/platform';
import { CONSOLE_SERVICE } from './console.service-spec';

void runService(CONSOLE_SERVICE);
