import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Request, Response } from 'express';
import { decodeJwt } from 'jose';
import { DataSource, LessThan } from 'typeorm';
import { Caller } from '@concord/auth';
import { ConsoleConfig } from '../console.config';
import { ConsoleSession, SignInMethod } from './console-session.entity';
import { clearCookie, cookieOf, SESSION_COOKIE, setCookie } from './session-cookie';

/** What the database keeps of a session id or a sign-in state: its SHA-256. */
export const hashOf = (secret: string): string =>
  createHash('sha256').update(secret).digest('base64url');

/** Whether two secrets are equal, in time that does not depend on where they differ. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Opens, finds and ends console sessions. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConsoleConfig,
  ) {}

  /**
   * Starts a session for a caller whose access token the services accept, and sets its cookie.
   * It ends after CONSOLE_SESSION_MINUTES or when the token expires, whichever comes first.
   */
  async open(
    response: Response,
    caller: Caller,
    accessToken: string,
    signedInWith: SignInMethod,
  ): Promise<ConsoleSession> {
    const id = randomBytes(32).toString('base64url');
    const now = Date.now();
    const tokenExpiry = decodeJwt(accessToken).exp;
    const expiresAt = new Date(
      Math.min(
        now + this.config.CONSOLE_SESSION_MINUTES * 60_000,
        tokenExpiry === undefined ? Number.POSITIVE_INFINITY : tokenExpiry * 1000,
      ),
    );
    const session = this.dataSource.manager.create(ConsoleSession, {
      idHash: hashOf(id),
      subject: caller.subject,
      role: caller.role,
      organizationId: caller.organizationId ?? null,
      signedInWith,
      accessToken,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: new Date(now),
      expiresAt,
    });
    await this.dataSource.manager.insert(ConsoleSession, session);
    setCookie(response, SESSION_COOKIE, id, {
      maxAge: Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000)),
      sameSite: 'Strict',
    });
    await this.dataSource.manager.delete(ConsoleSession, { expiresAt: LessThan(new Date()) });
    return session;
  }

  /** The request's session, if its cookie names one that has not ended. */
  async of(request: Request): Promise<ConsoleSession | undefined> {
    const id = cookieOf(request, SESSION_COOKIE);
    if (!id) return undefined;
    const session = await this.dataSource.manager.findOneBy(ConsoleSession, {
      idHash: hashOf(id),
    });
    if (!session || session.expiresAt.getTime() <= Date.now()) return undefined;
    return session;
  }

  /** Ends the request's session, if any, and deletes its cookie. */
  async end(request: Request, response: Response): Promise<void> {
    const id = cookieOf(request, SESSION_COOKIE);
    if (id) await this.dataSource.manager.delete(ConsoleSession, { idHash: hashOf(id) });
    clearCookie(response, SESSION_COOKIE, 'Strict');
  }

  /** Whether a session found earlier has neither ended nor been signed out of since. */
  async stillOpen(session: ConsoleSession): Promise<boolean> {
    if (session.expiresAt.getTime() <= Date.now()) return false;
    return this.dataSource.manager.existsBy(ConsoleSession, { idHash: session.idHash });
  }

  /** Ends a session whose token the services no longer accept. */
  async expire(session: ConsoleSession): Promise<void> {
    await this.dataSource.manager.delete(ConsoleSession, { idHash: session.idHash });
  }
}
