import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from './authenticated-request';
import { Caller } from './caller';

/** The authenticated Caller of an HTTP handler, as JwtAuthGuard left it on the request. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const { caller } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!caller) {
      // Only a @Public() route or a non-HTTP handler gets here: a wiring mistake, not a 401.
      throw new Error('@CurrentCaller() needs a route that JwtAuthGuard authenticates');
    }
    return caller;
  },
);
