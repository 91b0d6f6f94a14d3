import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'concord:auth:roles';

/**
 * Only callers with one of these roles may call the handler (or any handler of the controller; a
 * handler's own @Roles replaces its controller's). Without @Roles any authenticated role may.
 */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);
