import { All, Controller, HttpStatus, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '@concord/auth';
import { CONSOLE_BACKENDS, ConsoleBackend } from '../console.config';
import { ConsoleSession } from '../session/console-session.entity';
import { CurrentSession, SessionGuard } from '../session/session.guard';
import { SessionService } from '../session/session.service';
import { BackendClient, BackendUnavailable } from './backend-client';

/** Answer headers passed back to the browser. */
const FORWARDED_ANSWER_HEADERS = [
  'content-disposition',
  'content-type',
  'idempotent-replayed',
  'retry-after',
  'x-correlation-id',
];
const PROXIED_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

const isBackend = (name: string): name is ConsoleBackend =>
  (CONSOLE_BACKENDS as readonly string[]).includes(name);

/**
 * `/api/<service>/<path>`: the service's own public API, called with the signed-in person's token,
 * which never reaches the browser. The service decides, as for any caller, what that person may
 * see and do; the console adds nothing and hides nothing. A token the service no longer accepts
 * ends the session (401).
 */
@ApiTags('services')
@Public()
@UseGuards(SessionGuard)
@Controller('api')
export class ServiceProxyController {
  constructor(
    private readonly backends: BackendClient,
    private readonly sessions: SessionService,
  ) {}

  @ApiOperation({
    summary:
      "A service's public API (referrals, agreements, funding, notifications, insights) on behalf of the session",
    description:
      'The path after /api/<service> is the service’s own; see docs/openapi/<service>.json. Needs a session (401), and on POST, PUT and DELETE the X-CSRF-Token header and the console’s own Origin (403).',
  })
  @All(':backend/*path')
  async forward(
    @Param('backend') backend: string,
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (!isBackend(backend)) {
      response.status(HttpStatus.NOT_FOUND).json({
        statusCode: 404,
        error: 'Not Found',
        message: [`service must be one of ${CONSOLE_BACKENDS.join(', ')}`],
      });
      return;
    }
    if (!PROXIED_METHODS.has(request.method)) {
      response.status(HttpStatus.METHOD_NOT_ALLOWED).json({
        statusCode: 405,
        error: 'Method Not Allowed',
        message: [`method must be one of ${[...PROXIED_METHODS].join(', ')}`],
      });
      return;
    }
    const pathAndQuery = request.originalUrl.slice(`/api/${backend}`.length);
    let answer;
    try {
      answer = await this.backends.call(
        backend,
        session.accessToken,
        request.method,
        pathAndQuery,
        {
          headers: request.headers,
          body: request.body as unknown,
        },
      );
    } catch (error) {
      if (!(error instanceof BackendUnavailable)) throw error;
      response.status(HttpStatus.BAD_GATEWAY).json({
        statusCode: 502,
        error: 'Bad Gateway',
        message: [`${error.message}; try again shortly`],
      });
      return;
    }
    if (answer.status === HttpStatus.UNAUTHORIZED) {
      await this.sessions.expire(session);
      response.status(HttpStatus.UNAUTHORIZED).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: ['your session has ended: sign in again'],
      });
      return;
    }
    for (const name of FORWARDED_ANSWER_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) response.setHeader(name, value);
    }
    response.status(answer.status).send(answer.body);
  }
}
