import 'reflect-metadata';
import { runService } from '@concord/platform';
import { NOTIFICATIONS_SERVICE } from './notifications.service-spec';

void runService(NOTIFICATIONS_SERVICE);
