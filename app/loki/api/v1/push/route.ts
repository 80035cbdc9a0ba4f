import { receiveLokiPush } from '@/lib/server/logs/loki/receive';

export const dynamic = 'force-dynamic';

/**
 * Loki's push API (JSON), for Promtail, Grafana Alloy, Vector or curl. Authenticated by its own token
 * (LOKI_PUSH_TOKEN or an admin-made "loki" secret), not by a session: see receiveLokiPush.
 */
export function POST(request: Request) {
  return receiveLokiPush(request);
}
