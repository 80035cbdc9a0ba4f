import 'server-only';
import { getBus } from '../bus';
import { jsonError } from '../http/route-auth';
import { getDb } from '../store';
import { getLogRuntime, logsOverview } from './runtime';
import { containerIdsByName, lineContext, searchLogs } from './search';
import { parseSearchParams } from './search-params';
import type { LogLevel } from './types';

/** The response to names nobody has seen: 404, listing a few known ones to help. */
function unknownContainers(names: string[]): Response | null {
  const { registry, store } = getLogRuntime();
  const stored = new Set(store.containers().map((c) => c.name));
  const unknown = names.filter((n) => !registry.has(n) && !stored.has(n));
  if (unknown.length === 0) return null;
  const known = [...new Set([...registry.list().map((c) => c.name), ...stored])].slice(0, 20);
  return jsonError(
    404,
    `No container or pushed stream named ${unknown.map((n) => `"${n.slice(0, 60)}"`).join(', ')}.` +
      (known.length ? ` Known: ${known.join(', ')}.` : ' None has sent a line yet.'),
  );
}

/** GET /api/logs/search: history by text, regex, level, container(s) and time, newest first, paged. */
export function handleSearch(url: URL): Response {
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok) return jsonError(400, parsed.error);
  const request = parsed.value;
  let containerIds: number[] | null = null;
  if (request.containers) {
    const missing = unknownContainers(request.containers);
    if (missing) return missing;
    containerIds = [...containerIdsByName(getDb(), request.containers).values()];
    // Known (the engine lists it) but not one line stored yet.
    if (containerIds.length === 0) return Response.json({ ok: true, lines: [], next: null, scanned: 0 });
  }
  const page = searchLogs(getDb(), { ...request, containerIds });
  return Response.json({ ok: true, ...page });
}

/**
 * GET /api/logs/tail: the newest lines of some containers from memory, oldest first, with `lastId`:
 * open the stream with it as `lastEventId` and nothing falls between the two.
 */
export function handleTail(url: URL): Response {
  const names =
    url.searchParams
      .get('container')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  const levels = (url.searchParams.get('level')?.split(',').filter(Boolean) ?? null) as LogLevel[] | null;
  const limit = Math.min(5_000, Math.max(1, Number(url.searchParams.get('limit') ?? 1_000) || 1_000));
  if (names?.length) {
    const missing = unknownContainers(names);
    if (missing) return missing;
  }
  const { recent } = getLogRuntime();
  // Read together, in one tick: every line up to lastId is either in `lines` or older than them.
  const lastId = getBus().lastId();
  const lines = recent.tail(names?.length ? names : null, limit, levels);
  return Response.json({ ok: true, lines, lastId });
}

/** GET /api/logs/containers: the engine's state, every known container and the last hour's activity. */
export function handleContainers(): Response {
  return Response.json({ ok: true, ...logsOverview() });
}

/** GET /api/logs/context?id=&before=&after=: a line among its neighbours from the same container. */
export function handleContext(url: URL): Response {
  const id = Number(url.searchParams.get('id'));
  if (!Number.isSafeInteger(id) || id < 1) return jsonError(400, 'id: expected the id of a log line.');
  const around = (name: string) => Math.min(500, Math.max(0, Number(url.searchParams.get(name) ?? 20) || 0));
  const lines = lineContext(getDb(), id, around('before'), around('after'));
  if (!lines) return jsonError(404, `No stored log line with id ${id} (retention may have removed it).`);
  return Response.json({ ok: true, lines });
}
