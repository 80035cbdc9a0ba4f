import { jsonError } from '@/lib/server/http/route-auth';
import { receiveBeat } from '@/lib/server/monitors/push';
import { getDb } from '@/lib/server/store';

export const dynamic = 'force-dynamic';

/**
 * A push monitor's beat. Public (the token in the URL is the secret); GET for curl in cron, POST for
 * clients that prefer it. Wrong token: 404, nothing recorded.
 */
async function beat(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const outcome = receiveBeat(getDb(), (await params).token, new URL(request.url).searchParams);
  if (!outcome.ok) return jsonError(outcome.status, outcome.error);
  return Response.json(outcome, { headers: { 'Cache-Control': 'no-store' } });
}

export const GET = beat;
export const POST = beat;
