import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns every handler error into "Internal server error". The event
 * server needs the real error to decide between retry and dead letter and to put it in the DLQ
 * headers, so event handlers' errors pass through unchanged.
 */
@Catch()
export class EventHandlerErrorPassthrough implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
