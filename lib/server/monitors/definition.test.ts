import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition';
import { statusAccepted } from './status-codes';

describe('monitor definitions', () => {
  it('fills defaults: a timeout below the interval, retry interval = interval', () => {
    const r = parseDefinition({ name: 'api', type: 'http', url: 'https://api.example/health', intervalSeconds: 30 });
    expect(r).toMatchObject({
      ok: true,
      definition: { timeoutSeconds: 24, retryIntervalSeconds: 30, retries: 0, acceptedStatusCodes: ['200-299'], maxRedirects: 10, public: false },
    });
  });

  it('names each bad field', () => {
    const r = parseDefinition({ name: '', type: 'http', url: 'ftp://x', intervalSeconds: 0, retries: 99 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fields).sort()).toEqual(['intervalSeconds', 'name', 'retries', 'url']);
    expect(r.fields.url).toContain('http');
  });

  it('names the timeout rule beside other bad fields', () => {
    const r = parseDefinition({ name: 'x', type: 'http', url: 'nope', intervalSeconds: 5, timeoutSeconds: 9 });
    expect(r).toMatchObject({ ok: false, fields: { url: expect.any(String) as string, timeoutSeconds: 'must be below intervalSeconds (5)' } });
  });

  it('refuses a timeout that is not below the interval', () => {
    const r = parseDefinition({ name: 'db', type: 'tcp', host: 'db.internal', port: 5432, intervalSeconds: 10, timeoutSeconds: 10 });
    expect(r).toMatchObject({ ok: false, fields: { timeoutSeconds: 'must be below intervalSeconds (10)' } });
  });

  it('refuses unknown types, unknown fields and bad type-specific values', () => {
    expect(parseDefinition({ name: 'x', type: 'smtp' })).toMatchObject({ ok: false, fields: { type: expect.stringContaining('http, tcp, dns, push') as string } });
    expect(parseDefinition({ name: 'x', type: 'push', intervalSecs: 10 })).toMatchObject({ ok: false });
    expect(parseDefinition({ name: 'x', type: 'tcp', host: 'a b', port: 70000 })).toMatchObject({ ok: false, fields: { host: expect.any(String) as string, port: expect.any(String) as string } });
    expect(parseDefinition({ name: 'x', type: 'http', url: 'http://a', acceptedStatusCodes: ['2xx'] })).toMatchObject({ ok: false, fields: { 'acceptedStatusCodes.0': expect.any(String) as string } });
    expect(parseDefinition({ name: 'x', type: 'http', url: 'http://a', jsonPath: '$.status' })).toMatchObject({ ok: false, fields: { expectedValue: 'is required with jsonPath' } });
    expect(parseDefinition({ name: 'x', type: 'dns', host: 'a.example', resolver: 'dns.google' })).toMatchObject({ ok: false, fields: { resolver: expect.any(String) as string } });
  });

  it('accepts status codes and ranges', () => {
    expect(statusAccepted(204, ['200-299'])).toBe(true);
    expect(statusAccepted(301, ['200-299'])).toBe(false);
    expect(statusAccepted(301, ['200-299', '301'])).toBe(true);
    expect(statusAccepted(500, ['299-200'])).toBe(false);
  });
});

describe('timeouts by kind', () => {
  it('caps active checks at 300 s, lets push monitors allow a late beat up to a day', () => {
    expect(parseDefinition({ name: 'x', type: 'tcp', host: 'h', port: 1, intervalSeconds: 3600, timeoutSeconds: 600 })).toMatchObject({ ok: false, fields: { timeoutSeconds: 'must be at most 300' } });
    expect(parseDefinition({ name: 'x', type: 'push', intervalSeconds: 86400, timeoutSeconds: 3600 })).toMatchObject({ ok: true });
  });
});
