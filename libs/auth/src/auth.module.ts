import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthOptions } from './auth.options';
import { assertValidAuthOptions } from './auth-options.validation';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';

/** Import once in each service's root module: `AuthModule.forRoot({ issuer, audience, ... })`. */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    // Checked here too so that a bad configuration fails where the module is declared.
    assertValidAuthOptions(options);
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useFactory: () => TokenVerifier.create(options) },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      // For a service that verifies tokens itself (the console, at sign-in).
      exports: [TokenVerifier],
    };
  }
}
