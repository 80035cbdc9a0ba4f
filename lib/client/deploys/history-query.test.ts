import { describe, expect, it } from 'vitest';
import { historyHref, isFiltered, matchesQuery, parseHistoryQuery } from './history-query';

describe('parseHistoryQuery', () => {
  it('reads filters and paging from page search params', () => {
    expect(
      parseHistoryQuery({
        service: 'api',
        environment: 'prod',
        status: 'failure',
        before: '1700',
        limit: '10',
      }),
    ).toEqual({
      service: 'api',
      environment: 'prod',
      status: 'failure',
      before: 1700,
      limit: 10,
    });
  });

  it('drops bad or empty values instead of failing the page', () => {
    expect(parseHistoryQuery(new URLSearchParams('service=&status=exploded&before=-3&limit=9999'))).toEqual({
      limit: 25,
    });
    expect(parseHistoryQuery({ service: ['a', 'b'] })).toEqual({ service: 'a', limit: 25 });
  });
});

describe('historyHref', () => {
  it('writes only what is set, and leaves the default page size out', () => {
    expect(historyHref({ limit: 25 })).toBe('/deploys#history');
    expect(historyHref({ service: 'api', status: 'success', before: 5, limit: 10 })).toBe(
      '/deploys?service=api&status=success&before=5&limit=10#history',
    );
  });

  it('round-trips through parseHistoryQuery', () => {
    const query = { service: 'web app', environment: 'eu/west', limit: 50 };
    const search = historyHref(query).split('?')[1]!.split('#')[0]!;
    expect(parseHistoryQuery(new URLSearchParams(search))).toEqual(query);
  });
});

describe('matchesQuery', () => {
  it('matches every given filter', () => {
    const d = { service: 'api', environment: 'prod', status: 'success' };
    expect(matchesQuery(d, { limit: 25 })).toBe(true);
    expect(matchesQuery(d, { service: 'api', status: 'success', limit: 25 })).toBe(true);
    expect(matchesQuery(d, { environment: 'staging', limit: 25 })).toBe(false);
    expect(isFiltered({ limit: 25, before: 3 })).toBe(false);
    expect(isFiltered({ limit: 25, status: 'failure' })).toBe(true);
  });
});
