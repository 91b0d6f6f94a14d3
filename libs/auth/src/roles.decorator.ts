import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'concord:auth:roles';

/**
 * Only callers with one of these roles may call the handler (or any handler of the controller; a
 * handler's own @Roles replaces its controller's). A route with neither @Roles nor @Public is
 * refused to everyone (JwtAuthGuard denies by default).
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
