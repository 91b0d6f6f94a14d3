import type { IncomingMessage } from 'node:http';

/** What Express adds to a request once a route matched it. */
type RoutedRequest = IncomingMessage & {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
};

/**
 * The route template that answered a request (`/referrals/:id`), never its concrete path, so
 * that a metric label or span name does not grow with ids; undefined when no route matched (an
 * unknown path, a static page, a request refused before routing).
 */
export function httpRouteOf(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as RoutedRequest;
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : undefined;
}
