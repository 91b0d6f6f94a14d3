import { readFileSync } from 'node:fs';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  mintToken,
  ORGANIZATION_ROLES,
  Public,
  Role,
  TokenVerifier,
} from '@concord/auth';
import { BackendClient } from '../api/backend-client';
import { ConsoleConfig } from '../console.config';
import { clearCookie, cookieOf, SIGN_IN_COOKIE, setCookie } from '../session/session-cookie';
import { assertSameOrigin, SessionGuard } from '../session/session.guard';
import { SignInMethod } from '../session/console-session.entity';
import { ApiSessionAnswers, HTTP_ERROR_SCHEMA } from '../session/session-answers';
import { SessionService } from '../session/session.service';
import { DevelopmentSignInRequest } from './development-sign-in.request.dto';
import { OidcSignInService, safeReturnPath, SignInFailed } from './oidc-sign-in.service';

export interface OrganizationSummary {
  id: string;
  name: string;
  type: string;
}

/** Signed out: the ways to sign in this console offers. */
export interface SignedOut {
  signedIn: false;
  signIn: { oidc: boolean; development: boolean };
}

/** Signed in: who, until when, and the token to send in X-CSRF-Token. */
export interface SignedIn {
  signedIn: true;
  subject: string;
  role: Role;
  organizationId: string | null;
  signedInWith: SignInMethod;
  /** @format date-time */
  expiresAt: string;
  csrfToken: string;
}

/** What a development sign-in answers; the session itself is in the cookie it sets. */
export interface DevelopmentSession {
  signedIn: true;
  role: Role;
  organizationId: string | null;
}

/** Signing in and out; what the application asks first. */
@ApiTags('sign-in')
@Public()
@Controller('auth')
export class SignInController {
  private readonly devPrivateKey?: string;

  constructor(
    private readonly config: ConsoleConfig,
    private readonly sessions: SessionService,
    private readonly oidc: OidcSignInService,
    private readonly verifier: TokenVerifier,
    private readonly backends: BackendClient,
  ) {
    if (config.devSignInAllowed) {
      this.devPrivateKey = readFileSync(config.CONSOLE_DEV_PRIVATE_KEY_FILE as string, 'utf8');
    }
  }

  /** Who is signed in, with the CSRF token; or, signed out, which ways to sign in there are. */
  @ApiOperation({
    summary:
      'Who is signed in, with the CSRF token to send in X-CSRF-Token; signed out, the ways to sign in',
  })
  @Get('session')
  async session(@Req() request: Request): Promise<SignedIn | SignedOut> {
    const session = await this.sessions.of(request);
    if (!session) {
      return {
        signedIn: false,
        signIn: { oidc: this.config.oidcSignInConfigured, development: this.devSignInAllowed },
      };
    }
    return {
      signedIn: true,
      subject: session.subject,
      role: session.role,
      organizationId: session.organizationId,
      signedInWith: session.signedInWith,
      expiresAt: session.expiresAt.toISOString(),
      csrfToken: session.csrfToken,
    };
  }

  @ApiOperation({ summary: 'Ends the session and deletes its cookie' })
  @ApiResponse({ status: 204, description: 'Signed out.' })
  @ApiSessionAnswers(true)
  @Post('sign-out')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  async signOut(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.end(request, response);
  }

  private get devSignInAllowed(): boolean {
    return this.devPrivateKey !== undefined;
  }

  private assertDevelopment(): string {
    if (!this.devPrivateKey) {
      throw new NotFoundException(
        'the development sign-in is off (NODE_ENV=production, or no CONSOLE_DEV_PRIVATE_KEY_FILE)',
      );
    }
    return this.devPrivateKey;
  }

  /** Development: the organisations one may sign in for, to pick from. */
  @ApiOperation({
    summary: 'Development only: the organisations one may sign in for (404 in production)',
  })
  @ApiResponse({ status: 200, description: 'The organisations, from the agreements service' })
  @ApiResponse({
    status: 404,
    description: 'The development sign-in is off',
    schema: HTTP_ERROR_SCHEMA,
  })
  @Get('development/organizations')
  async developmentOrganizations(): Promise<{ organizations: OrganizationSummary[] }> {
    const key = this.assertDevelopment();
    const token = await mintToken(
      key,
      { subject: 'console-development-sign-in', role: 'admin' },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, expiresIn: '1m' },
    );
    const answer = await this.backends.call('agreements', token, 'GET', '/organizations');
    if (answer.status !== 200) return { organizations: [] };
    const organizations = JSON.parse(answer.body.toString('utf8')) as OrganizationSummary[];
    return {
      organizations: organizations.map(({ id, name, type }) => ({ id, name, type })),
    };
  }

  /** Development: signs in as a role (and organisation) with a token minted here. */
  @ApiOperation({
    summary:
      'Development only: signs in as a role and organisation with a token minted here (404 in production)',
  })
  @ApiResponse({ status: 201, description: 'Signed in; the session is in the cookie this sets' })
  @ApiResponse({
    status: 403,
    description: 'Origin is missing or not the console’s (CSRF protection)',
    schema: HTTP_ERROR_SCHEMA,
  })
  @ApiResponse({
    status: 404,
    description: 'The development sign-in is off',
    schema: HTTP_ERROR_SCHEMA,
  })
  @Post('development')
  @HttpCode(201)
  async developmentSignIn(
    @Body() body: DevelopmentSignInRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DevelopmentSession> {
    const key = this.assertDevelopment();
    assertSameOrigin(request, this.config);
    const organizationId = ORGANIZATION_ROLES.includes(body.role) ? body.organizationId : undefined;
    const subject = `development-${body.role}${organizationId ? `-${organizationId.slice(0, 8)}` : ''}`;
    const token = await mintToken(
      key,
      { subject, role: body.role, organizationId },
      {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        expiresIn: `${this.config.CONSOLE_SESSION_MINUTES}m`,
      },
    );
    const session = await this.sessions.open(
      response,
      { subject, role: body.role, organizationId },
      token,
      'development',
    );
    return { signedIn: true, role: session.role, organizationId: session.organizationId };
  }

  /** Production: off to the agency's OpenID provider. */
  @ApiOperation({
    summary:
      "Starts the OpenID Connect sign-in (code flow with PKCE): redirects to the agency's provider",
  })
  @ApiResponse({
    status: 302,
    description:
      "To the agency's provider; or, when it cannot be reached, to /sign-in?error=… which says why",
    headers: { Location: { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 404,
    description: 'The OpenID sign-in is not configured',
    schema: HTTP_ERROR_SCHEMA,
  })
  @Get('sign-in')
  async signIn(@Query('returnTo') returnTo: unknown, @Res() response: Response): Promise<void> {
    if (!this.config.oidcSignInConfigured) {
      throw new NotFoundException(
        'the OpenID sign-in is not configured (AUTH_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID)',
      );
    }
    try {
      const { state, authorizeUrl } = await this.oidc.begin(safeReturnPath(returnTo));
      setCookie(response, SIGN_IN_COOKIE, state, {
        maxAge: 600,
        sameSite: 'Lax',
        path: '/auth/callback',
      });
      response.redirect(302, authorizeUrl);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      response.redirect(302, `/sign-in?error=${encodeURIComponent(error.message)}`);
    }
  }

  /** The provider sends the browser back here with a code; a session starts. */
  @ApiOperation({
    summary:
      'Where the provider sends the browser back: the code is exchanged and a session starts',
  })
  @ApiResponse({
    status: 302,
    description: 'Signed in, to the page asked for; or not, to /sign-in?error=… which says why',
    headers: { Location: { schema: { type: 'string' } } },
  })
  @Get('callback')
  async callback(
    @Query('state') state: unknown,
    @Query('code') code: unknown,
    @Query('error') error: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const inCookie = cookieOf(request, SIGN_IN_COOKIE);
    clearCookie(response, SIGN_IN_COOKIE, 'Lax', '/auth/callback');
    const fail = (message: string) =>
      response.redirect(302, `/sign-in?error=${encodeURIComponent(message)}`);
    if (typeof error === 'string') return fail(`the OpenID provider said: ${error}`);
    if (typeof state !== 'string' || typeof code !== 'string') {
      return fail('the OpenID provider came back without a code and state');
    }
    try {
      const { accessToken, returnTo } = await this.oidc.complete(state, inCookie, code);
      const caller = await this.verifier.verify(accessToken).catch((rejected: Error) => {
        throw new SignInFailed(
          `the provider's access token is not one Concord accepts: ${rejected.message}`,
        );
      });
      await this.sessions.open(response, caller, accessToken, 'oidc');
      response.redirect(302, returnTo);
    } catch (failure) {
      if (!(failure instanceof SignInFailed)) throw failure;
      fail(failure.message);
    }
  }
}
