import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Request } from 'express';
import { ConsoleConfig } from '../console.config';
import { ConsoleSession } from './console-session.entity';
import { sameSecret, SessionService } from './session.service';

export interface SessionRequest extends Request {
  consoleSession?: ConsoleSession;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request must come from the console's own pages: the browser says where it
 * comes from (Origin, and Sec-Fetch-Site in every current browser), and another site's page
 * cannot make it say otherwise.
 */
export function assertSameOrigin(request: Request, config: ConsoleConfig): void {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  const expected = new URL(config.CONSOLE_PUBLIC_URL).origin;
  if (
    (origin !== undefined && origin !== expected) ||
    (site !== undefined && site !== 'same-origin')
  ) {
    throw new ForbiddenException(
      `Origin must be ${expected}: a state-changing request from another site is refused (CSRF)`,
    );
  }
  if (origin === undefined && site === undefined) {
    throw new ForbiddenException(
      'Origin header is required on a state-changing request (CSRF protection)',
    );
  }
}

/**
 * Lets a request through only with a session that has not ended (401 otherwise), and a
 * state-changing one only from the console's origin with the session's CSRF token in
 * X-CSRF-Token (403 otherwise): the double check of OWASP's CSRF cheat sheet.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly config: ConsoleConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SessionRequest>();
    const session = await this.sessions.of(request);
    if (!session) {
      throw new UnauthorizedException('sign in first: there is no session, or it has ended');
    }
    if (!SAFE_METHODS.has(request.method)) {
      assertSameOrigin(request, this.config);
      const token = request.headers['x-csrf-token'];
      if (!sameSecret(typeof token === 'string' ? token : undefined, session.csrfToken)) {
        throw new ForbiddenException(
          'X-CSRF-Token header must be the csrfToken of GET /auth/session (CSRF protection)',
        );
      }
    }
    request.consoleSession = session;
    return true;
  }
}

/** The session SessionGuard found for this request. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ConsoleSession => {
    const { consoleSession } = context.switchToHttp().getRequest<SessionRequest>();
    if (!consoleSession) throw new Error('@CurrentSession() needs a route behind SessionGuard');
    return consoleSession;
  },
);
