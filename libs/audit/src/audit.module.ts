import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';
import { AUDIT_OPTIONS, AuditOptions } from './audit.options';
import { AuditRecordsController } from './audit-records.controller';
import { AuditRetention } from './audit-retention';
import { AuditTrail } from './audit-trail.service';
import { rememberClientAddress } from './client-address.context';

/**
 * The audit trail of one service: the interceptor that writes it for every route, the middleware
 * that gives each record its caller's address, the purge that keeps it to its retention, and
 * GET /audit-records to read it. Needs TypeORM's DataSource with AUDIT_ENTITIES and
 * AUDIT_MIGRATIONS registered. AuthFailureAuditFilter must be registered as a global filter by
 * whoever creates the app (runService does).
 */
@Module({})
export class AuditModule implements NestModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      controllers: [AuditRecordsController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        AuditTrail,
        AuditRetention,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [AuditTrail],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rememberClientAddress).forRoutes('*');
  }
}
