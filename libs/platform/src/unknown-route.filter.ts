import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import { Response } from 'express';

const NEST_NO_ROUTE = /^Cannot [A-Z]+ /;

/**
 * Nest answers a path no route matches (e.g. an empty path parameter, `/referrals//decisions`)
 * with "Cannot GET /…"; this says which part is wrong and what the rule is. Any other 404 keeps
 * its own answer.
 */
@Catch(NotFoundException)
export class UnknownRouteFilter implements ExceptionFilter<NotFoundException> {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const answer = exception.getResponse();
    const message = typeof answer === 'object' ? (answer as { message?: unknown }).message : answer;
    if (typeof message === 'string' && NEST_NO_ROUTE.test(message)) {
      response.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: [
          'path must name an endpoint of this service (every path parameter non-empty); see GET /openapi.json',
        ],
      });
      return;
    }
    response.status(exception.getStatus()).json(answer);
  }
}
