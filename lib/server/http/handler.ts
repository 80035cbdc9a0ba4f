import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, nodeHeaders, originAllowed, type Principal } from '../auth/request-auth';
import { handleWebhook } from '../deploys/webhook-endpoint';
import { getMetrics } from '../metrics';
import { handlePublicStatusEvents } from '../monitors/public-stream';
import type { SseHub } from '../sse/hub';
import { parseSseParams } from '../sse/params';
import { isApiPath, isPublicPath } from './public-paths';
import { sendError } from './respond';
import { CLIENT_ADDRESS_HEADER } from './client-address';

export type NextHandle = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * The custom server's request path. It serves the event stream itself (Next's response path costs
 * several times the CPU and memory per connection: see the README), guards every non-public path,
 * and hands the rest to Next.
 */
export function createRequestHandler(deps: { next: NextHandle; hub: () => SseHub }) {
  const handle = routeRequest(deps);
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      console.error(`[http] ${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendError(res, 500, 'Internal error.');
      else res.destroy();
    });
  };
}

function routeRequest(deps: { next: NextHandle; hub: () => SseHub }) {
  return async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://internal');
    const headers = nodeHeaders(req.headers);
    const method = req.method ?? 'GET';
    // Route handlers cannot see the socket; they get the peer address from here, never from the client.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown';

    if (url.pathname === '/metrics' && (method === 'GET' || method === 'HEAD')) {
      const { registry } = getMetrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : await registry.metrics());
      return;
    }

    let principal: Principal | null = null;
    if (!isPublicPath(url.pathname)) {
      principal = authenticate(headers);
      if (!principal) {
        if (isApiPath(url.pathname) || method !== 'GET') {
          sendError(res, 401, 'Sign in or send an API key (Authorization: Bearer <key>).');
        } else {
          const next = encodeURIComponent(url.pathname + url.search);
          res.writeHead(303, { Location: `/login?next=${next}`, 'Cache-Control': 'no-store' });
          res.end();
        }
        return;
      }
    }
    if (!originAllowed(method, headers, principal?.via ?? null) && !isSignedIngress(url.pathname)) {
      sendError(res, 403, 'Cross-origin request refused: Origin does not match this site.');
      return;
    }

    if (await handleWebhook(req, res, url.pathname, headers)) return;

    if (url.pathname === '/api/events' && method === 'GET') {
      const params = parseSseParams(url.searchParams, headers.get('last-event-id') ?? undefined);
      if (!params.ok) {
        sendError(res, params.status, params.error);
        return;
      }
      deps.hub().attach(req, res, params);
      return;
    }

    if (url.pathname === '/api/status/events' && method === 'GET') {
      handlePublicStatusEvents(req, res, url.searchParams);
      return;
    }

    await deps.next(req, res);
  };
}

/** Endpoints called by machines with their own signature or token, never with a browser cookie. */
function isSignedIngress(pathname: string): boolean {
  return (
    pathname.startsWith('/api/webhooks/') ||
    pathname.startsWith('/api/push/') ||
    pathname === '/loki/api/v1/push'
  );
}
