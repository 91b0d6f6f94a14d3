import 'reflect-metadata';
import { runService } from '@concord/platform';
import { REFERRALS_SERVICE } from './referrals.service-spec';

void runService(REFERRALS_SERVICE);
