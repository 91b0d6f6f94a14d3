import { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';
import { currentMessageContext } from '@concord/messaging';
import { redactSecrets, redactValue } from './secret-redaction.util';

/**
 * Nest's logger as one JSON object per line on stdout, with the service and the correlation id.
 * Every line goes through secret redaction: bearer tokens, JWTs, URL passwords (DATABASE_URL,
 * SMTP_URL), secret-named fields and private keys never reach the log.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(service: string, level: LevelWithSilent) {
    this.pino = pino({
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    });
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    const context =
      typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const correlationId = currentMessageContext()?.correlationId;
    const fields: Record<string, unknown> = { context, correlationId };
    if (level === 'error' && typeof params[0] === 'string' && params[0].includes('\n')) {
      fields.stack = redactSecrets(params[0]);
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: redactValue(message) }, redactSecrets(message.message));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...(redactValue(message) as Record<string, unknown>) });
    } else {
      this.pino[level](fields, redactSecrets(String(message)));
    }
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}
