import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  ServiceUnavailableException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { Response } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditEntry } from './audit-entry';
import { AUDIT_ACTION_KEY, AUDIT_READ_KEY, AuditReadSpec } from './audit.decorators';
import { AUDIT_OPTIONS, AuditedError, AuditOptions } from './audit.options';
import { AuditTrail } from './audit-trail.service';
import {
  actionOfRoute,
  actorOf,
  AuditedRequest,
  idsInAnswer,
  markAudited,
  outcomeOfStatus,
  routeOf,
  STATE_CHANGING_METHODS,
  subjectRefOf,
} from './http-audit.util';

/**
 * Registered for every route of every service (APP_INTERCEPTOR): records each state-changing
 * request, whatever its outcome; each read of a handler marked @AuditRead, failing the read when
 * its record cannot be written; and each 401 or 403 a handler answers. Refusals by the auth guard
 * never reach an interceptor: AuthFailureAuditFilter records those.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const read = this.reflector.get<AuditReadSpec | undefined>(
      AUDIT_READ_KEY,
      context.getHandler(),
    );
    const changing = STATE_CHANGING_METHODS.has(request.method);
    const route = routeOf(request);
    const derived = actionOfRoute(request.method, route);
    const action = read
      ? `${read.objectType}.${read.verb}`
      : (this.reflector.get<string | undefined>(AUDIT_ACTION_KEY, context.getHandler()) ??
        derived.action);
    const objectType = read?.objectType ?? derived.objectType;
    const base = (objectId: string | null, status: number): AuditEntry => ({
      ...actorOf(request),
      action,
      objectType,
      objectId,
      subjectRef: subjectRefOf(request, objectType, objectId),
      outcome: outcomeOfStatus(status),
      httpMethod: request.method,
      httpRoute: route,
      httpStatus: status,
    });
    const paramId = request.params?.id ?? Object.values(request.params ?? {})[0] ?? null;

    return next.handle().pipe(
      catchError((error: unknown) => {
        const { status, reason } = this.describe(error);
        if (!read && !changing && status !== 401 && status !== 403) return throwError(() => error);
        return from(
          this.recordQuietly(request, { ...base(paramId, status), reason }).then(() => {
            throw error;
          }),
        );
      }),
      mergeMap((answer: unknown) => {
        if (!read && !changing) return [answer];
        const status =
          this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
          (response.statusCode !== 200
            ? response.statusCode
            : request.method === 'POST'
              ? 201
              : 200);
        return from(
          read
            ? this.recordRead(
                request,
                idsInAnswer(answer).map((id) => base(id, status)),
                answer,
              )
            : this.recordChange(
                request,
                base(paramId ?? idsInAnswer(answer)[0] ?? null, status),
                answer,
              ),
        );
      }),
    );
  }

  /** Person data leaves only once its reads are recorded. */
  private async recordRead(
    request: AuditedRequest,
    entries: AuditEntry[],
    answer: unknown,
  ): Promise<unknown> {
    try {
      await this.trail.record(entries);
      markAudited(request);
    } catch (error) {
      this.logger.error(`a read of person data could not be audited: ${(error as Error).message}`);
      throw new ServiceUnavailableException(
        'the read could not be recorded in the audit trail, so no data is returned; try again shortly',
      );
    }
    return answer;
  }

  /** The change has happened already: a record that cannot be written is logged, not answered. */
  private async recordChange(
    request: AuditedRequest,
    entry: AuditEntry,
    answer: unknown,
  ): Promise<unknown> {
    await this.recordQuietly(request, entry);
    return answer;
  }

  private async recordQuietly(request: AuditedRequest, entry: AuditEntry): Promise<void> {
    try {
      await this.trail.record([entry]);
      markAudited(request);
    } catch (error) {
      this.logger.error(
        `audit record ${entry.action} (${entry.outcome}) could not be written: ${(error as Error).message}`,
      );
    }
  }

  private describe(error: unknown): AuditedError {
    if (error instanceof HttpException) {
      return { status: error.getStatus(), reason: reasonOf(error) };
    }
    return (
      this.options.describeError?.(error) ?? {
        status: 500,
        reason: error instanceof Error ? error.name : 'unknown error',
      }
    );
  }
}

/** The message of an HttpException, whose response body may list several (validation). */
export function reasonOf(error: HttpException): string {
  const body = error.getResponse();
  const message =
    typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : body;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
