import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '@concord/auth';
import { ConsoleSession } from '../session/console-session.entity';
import { CurrentSession, SessionGuard } from '../session/session.guard';
import { ApiSessionAnswers } from '../session/session-answers';
import { SessionService } from '../session/session.service';
import { ChangeNotice, ReferralChangeFeed } from './referral-change-feed';

const HEARTBEAT_MS = 20_000;
const LAST_EVENT_ID = /^\d{1,19}$/;

const frame = (notice: ChangeNotice): string =>
  `id: ${notice.seq}\nevent: referral-changed\ndata: ${JSON.stringify({
    referralId: notice.referralId,
    occurredAt: notice.occurredAt,
  })}\n\n`;

/**
 * `GET /events`: Server-Sent Events, "this referral changed", for the referrals the person may
 * see, with no personal data. A browser that reconnects sends Last-Event-ID and first gets what
 * it missed; if that is no longer kept it gets `reset` and re-reads everything. The stream ends
 * with `session-ended` when the session does.
 */
@ApiTags('live updates')
@Public()
@UseGuards(SessionGuard)
@Controller('events')
export class LiveUpdatesController {
  constructor(
    private readonly feed: ReferralChangeFeed,
    private readonly sessions: SessionService,
  ) {}

  @ApiOperation({
    summary:
      'Server-Sent Events: `referral-changed` { referralId, occurredAt } for the referrals the session may see',
    description:
      'Send Last-Event-ID to catch up after a reconnect; `reset` means re-read everything, `session-ended` that the session is over.',
  })
  @ApiResponse({
    status: 200,
    description: 'An event stream that stays open',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiSessionAnswers(false)
  @Get()
  async stream(
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const viewer = { role: session.role, organizationId: session.organizationId };
    let lastSent = 0n;
    let catchingUp = true;
    const held: ChangeNotice[] = [];
    const send = (notice: ChangeNotice) => {
      if (BigInt(notice.seq) <= lastSent) return;
      lastSent = BigInt(notice.seq);
      response.write(frame(notice));
    };
    // Listening before the stream opens: nothing that happens from the first byte on is missed.
    const unsubscribe = this.feed.subscribe(viewer, (notice) =>
      catchingUp ? held.push(notice) : send(notice),
    );
    const heartbeat = setInterval(() => {
      void this.sessions
        .stillOpen(session)
        // The database briefly away is not the end of the session: ask again next time.
        .catch(() => true)
        .then((open) => {
          if (open) return void response.write(': still here\n\n');
          response.write('event: session-ended\ndata: {}\n\n');
          response.end();
        });
    }, HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n\n');

    const given = request.headers['last-event-id'];
    if (typeof given === 'string' && LAST_EVENT_ID.test(given)) {
      lastSent = BigInt(given);
      // If what was missed cannot be read, the browser re-reads everything instead.
      const missed = await this.feed
        .since(viewer, given)
        .catch(() => ({ notices: [], complete: false }));
      if (!missed.complete) response.write('event: reset\ndata: {}\n\n');
      missed.notices.forEach(send);
    }
    held.forEach(send);
    catchingUp = false;
  }
}
