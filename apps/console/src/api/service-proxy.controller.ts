import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpStatus,
  Param,
  Post,
  Put,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { Public } from '@concord/auth';
import { CONSOLE_BACKENDS, ConsoleBackend } from '../console.config';
import { ConsoleSession } from '../session/console-session.entity';
import { CurrentSession, SessionGuard } from '../session/session.guard';
import { SessionService } from '../session/session.service';
import { BackendClient, BackendUnavailable } from './backend-client';
import {
  ApiSessionAnswers,
  DOMAIN_ERROR_SCHEMA,
  REQUEST_ERROR_SCHEMA,
} from '../session/session-answers';

/**
 * Answer headers passed back to the browser. The service's Content-Security-Policy replaces the
 * console's: a page a service renders (a printable report) is styled by that service's policy,
 * and an API answer's policy (`default-src 'none'`) is stricter than the console's own.
 */
const FORWARDED_ANSWER_HEADERS = [
  'content-disposition',
  'content-security-policy',
  'content-type',
  'idempotent-replayed',
  'retry-after',
  'x-correlation-id',
];

const isBackend = (name: string): name is ConsoleBackend =>
  (CONSOLE_BACKENDS as readonly string[]).includes(name);

/** How the document describes one method of the pass-through. */
const ApiForwarded = (method: string): MethodDecorator =>
  applyDecorators(
    ApiOperation({
      summary: `${method} on a service's public API (referrals, agreements, funding, notifications, insights) on behalf of the session`,
      description:
        'The path after /api/<service> is the service’s own, and so is the answer, whatever its status; see docs/openapi/<service>.json. Needs a session (401), and on POST, PUT and DELETE the X-CSRF-Token header and the console’s own Origin (403).',
    }),
    ApiParam({ name: 'backend', enum: CONSOLE_BACKENDS }),
    ApiParam({
      name: 'path',
      description: 'The path at the service, e.g. referrals/{id}/decisions; the query passes on',
    }),
    ApiResponse({
      status: 200,
      description: "The service's answer, with its own status and body",
      schema: { description: 'As docs/openapi/<service>.json describes this path' },
    }),
    ApiSessionAnswers(method !== 'GET', true),
    ApiResponse({
      status: 404,
      description: 'The service is not one of the five; or the service answered 404',
      schema: { anyOf: [REQUEST_ERROR_SCHEMA, DOMAIN_ERROR_SCHEMA] },
    }),
    ApiResponse({
      status: 'default',
      description: "The service's answer with any other status, as its document describes it",
      schema: { description: 'As docs/openapi/<service>.json describes this path and status' },
    }),
    ApiResponse({
      status: 502,
      description: 'The service did not answer; try again shortly',
      schema: REQUEST_ERROR_SCHEMA,
    }),
  );

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

  @Get(':backend/*path')
  @ApiForwarded('GET')
  get(
    @Param('backend') backend: string,
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.forward(backend, session, request, response);
  }

  @Post(':backend/*path')
  @ApiForwarded('POST')
  post(
    @Param('backend') backend: string,
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.forward(backend, session, request, response);
  }

  @Put(':backend/*path')
  @ApiForwarded('PUT')
  put(
    @Param('backend') backend: string,
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.forward(backend, session, request, response);
  }

  @Delete(':backend/*path')
  @ApiForwarded('DELETE')
  delete(
    @Param('backend') backend: string,
    @CurrentSession() session: ConsoleSession,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.forward(backend, session, request, response);
  }

  private async forward(
    backend: string,
    session: ConsoleSession,
    request: Request,
    response: Response,
  ): Promise<void> {
    if (!isBackend(backend)) {
      response.status(HttpStatus.NOT_FOUND).json({
        statusCode: 404,
        error: 'Not Found',
        message: [`service must be one of ${CONSOLE_BACKENDS.join(', ')}`],
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
