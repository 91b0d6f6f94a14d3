import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NetworkAnswerLimit } from './network-answer-limit';

/** How often every instance deletes the keys and counts of ended days, even with no answers. */
export const SURVEY_PURGE_INTERVAL_MS = 5 * 60_000;

/**
 * Keeps the day's key no longer than the day (plus at most SURVEY_PURGE_INTERVAL_MS) when no
 * answer comes to make the next day's key: every instance runs the purge; it deletes nothing
 * twice.
 */
@Injectable()
export class SurveyRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SurveyRetention.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly limit: NetworkAnswerLimit) {}

  onApplicationBootstrap(): void {
    const purge = () =>
      this.limit.purgeEndedDays(new Date()).catch((error: unknown) => {
        this.logger.warn(`survey purge failed, retried later: ${(error as Error).message}`);
      });
    void purge();
    this.timer = setInterval(() => void purge(), SURVEY_PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
