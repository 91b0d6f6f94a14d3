import {
  ArgumentsHost,
  Catch,
  ForbiddenException,
  HttpServer,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { AuditTrail } from './audit-trail.service';
import { reasonOf } from './audit.interceptor';
import {
  actionOfRoute,
  actorOf,
  AuditedRequest,
  isAudited,
  routeOf,
  subjectRefOf,
} from './http-audit.util';

/**
 * Records the 401s and 403s that no interceptor saw: the auth guard's, which run before any
 * interceptor. A token that does not authenticate is `auth.login-failed` (no actor; the reason is
 * why the token was refused), a role that may not call the route is `auth.permission-denied`.
 * The answer is Nest's usual one, sent once the record is written (or its failure logged).
 */
@Catch(UnauthorizedException, ForbiddenException)
export class AuthFailureAuditFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(AuthFailureAuditFilter.name);

  constructor(
    private readonly trail: AuditTrail,
    httpServer: HttpServer,
  ) {
    super(httpServer);
  }

  override async catch(
    exception: UnauthorizedException | ForbiddenException,
    host: ArgumentsHost,
  ): Promise<void> {
    const request = host.switchToHttp().getRequest<AuditedRequest>();
    if (host.getType() === 'http' && !isAudited(request)) {
      const status = exception.getStatus();
      const route = routeOf(request);
      const params = request.params ?? {};
      const objectType = actionOfRoute(request.method, route).objectType;
      const objectId = params.id ?? Object.values(params)[0] ?? null;
      try {
        await this.trail.record([
          {
            ...actorOf(request),
            action: status === 401 ? 'auth.login-failed' : 'auth.permission-denied',
            objectType,
            objectId,
            subjectRef: subjectRefOf(request, objectType, objectId),
            outcome: 'denied',
            httpMethod: request.method,
            httpRoute: route,
            httpStatus: status,
            reason: reasonOf(exception),
          },
        ]);
      } catch (error) {
        this.logger.error(`a ${status} could not be audited: ${(error as Error).message}`);
      }
    }
    super.catch(exception, host);
  }
}
