import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE_KEY = 'concord:auth:public';

/** Lets a handler (or every handler of a controller) be called without a token: health, metrics. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE_KEY, true);
