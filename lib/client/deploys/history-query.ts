/**
 * The history's filters as they live in the URL (`/deploys?service=api&status=failure&before=…`),
 * read the same way by the server page and the browser. A bad value is dropped, not an error: a
 * hand-edited link still opens the page.
 */
import { z } from 'zod';
import { DEPLOY_STATUSES } from '@/lib/events';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

type DeployStatus = (typeof DEPLOY_STATUSES)[number];

export interface HistoryQuery {
  service?: string;
  environment?: string;
  status?: DeployStatus;
  /** Only deploys started before this time (ms): the next page. */
  before?: number;
  limit: number;
}

const text = z.string().trim().min(1).max(200);
const schema = z.object({
  service: text.optional().catch(undefined),
  environment: text.optional().catch(undefined),
  status: z.enum(DEPLOY_STATUSES).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(DEFAULT_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads the filters from search params (the first value of repeated ones). */
export function parseHistoryQuery(params: Params): HistoryQuery {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const raw = Object.fromEntries(
    ['service', 'environment', 'status', 'before', 'limit']
      .map((key) => [key, get(key)] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const { service, environment, status, before, limit } = schema.parse(raw);
  return {
    ...(service ? { service } : {}),
    ...(environment ? { environment } : {}),
    ...(status ? { status } : {}),
    ...(before ? { before } : {}),
    limit,
  };
}

/** The URL of the history with these filters (the default page size is left out). */
export function historyHref(query: Partial<HistoryQuery>, path = '/deploys'): string {
  const params = new URLSearchParams();
  if (query.service) params.set('service', query.service);
  if (query.environment) params.set('environment', query.environment);
  if (query.status) params.set('status', query.status);
  if (query.before) params.set('before', String(query.before));
  if (query.limit && query.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(query.limit));
  const search = params.toString();
  return search ? `${path}?${search}#history` : `${path}#history`;
}

/** Whether a deploy belongs in the history as filtered (paging aside). */
export function matchesQuery(
  deploy: { service: string; environment: string; status: string },
  query: HistoryQuery,
): boolean {
  return (
    (!query.service || deploy.service === query.service) &&
    (!query.environment || deploy.environment === query.environment) &&
    (!query.status || deploy.status === query.status)
  );
}

export function isFiltered(query: HistoryQuery): boolean {
  return Boolean(query.service || query.environment || query.status);
}
