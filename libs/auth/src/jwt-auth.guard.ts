import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './authenticated-request';
import { bearerTokenFrom } from './bearer-token.util';
import { KeySetUnavailableError } from './key-set-unavailable.error';
import { PUBLIC_ROUTE_KEY } from './public.decorator';
import { Role } from './role';
import { ROLES_KEY } from './roles.decorator';
import { TokenRejectedError } from './token-rejected.error';
import { TokenVerifier } from './token-verifier';

/**
 * Registered globally by AuthModule: every HTTP route needs a valid bearer token unless marked
 * @Public(), and one of the roles its @Roles(...) names. Default deny: a route that declares
 * neither @Public nor @Roles is refused to everyone, so a forgotten decorator fails closed.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger(JwtAuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers are trusted by the broker's own authentication, not by bearer tokens.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, targets)) {
      return true;
    }

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    try {
      request.caller = await this.verifier.verify(bearerTokenFrom(request.headers.authorization));
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        // RFC 6750 §3: a 401 names the scheme the client should use.
        const challenge =
          request.headers.authorization === undefined ? 'Bearer' : 'Bearer error="invalid_token"';
        this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'WWW-Authenticate', challenge);
        throw new UnauthorizedException(error.message);
      }
      if (error instanceof KeySetUnavailableError) {
        this.logger.error(
          error.message,
          error.cause instanceof Error ? error.cause.stack : error.cause,
        );
        throw new ServiceUnavailableException('cannot verify tokens right now; try again shortly');
      }
      throw error;
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public`,
      );
      throw new ForbiddenException('this route declares no roles, so no one may call it');
    }
    if (!allowed.includes(request.caller.role)) {
      throw new ForbiddenException(
        `role ${request.caller.role} may not do this; allowed: ${allowed.join(', ')}`,
      );
    }
    return true;
  }
}
