import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsTarget, type DnsTarget } from '../../../../simulators/uptime/dns-server';
import { startFlakyTarget, type FlakyTarget } from '../../../../simulators/uptime/flaky-http';
import { startTcpTarget } from '../../../../simulators/uptime/tcp-flapper';
import { selfSignedCertificate } from '../../../../simulators/uptime/tls-cert';
import { parseDefinition, type DnsDefinition, type HttpDefinition } from '../definition';
import { checkDns } from './dns';
import { checkHttp } from './http';
import { checkTcp } from './tcp';

function http(fields: Record<string, unknown>): HttpDefinition {
  const r = parseDefinition({ name: 't', type: 'http', intervalSeconds: 60, ...fields });
  if (!r.ok) throw new Error(r.error);
  return r.definition as HttpDefinition;
}

describe('checks against local hostile targets', () => {
  let target: FlakyTarget;
  beforeAll(async () => {
    target = await startFlakyTarget();
  });
  afterAll(async () => target.close());

  it('passes a healthy target, with a JSON condition', async () => {
    await target.setMode('ok');
    const r = await checkHttp(http({ url: `${target.url}/health`, jsonPath: '$.status', expectedValue: 'ok' }), 2000);
    expect(r).toMatchObject({ ok: true, message: 'HTTP 200 · $.status = ok' });
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it('fails clearly on a status, a JSON mismatch and a missing keyword', async () => {
    await target.setMode('error');
    expect(await checkHttp(http({ url: target.url }), 2000)).toMatchObject({ ok: false, message: 'HTTP 503 Service Unavailable' });
    await target.setMode('json-bad');
    expect(await checkHttp(http({ url: target.url, jsonPath: 'db.healthy', expectedValue: 'true' }), 2000)).toMatchObject({
      ok: false,
      message: 'HTTP 200 · db.healthy is false, expected == true',
    });
    expect(await checkHttp(http({ url: target.url, keyword: 'all good' }), 2000)).toMatchObject({ ok: false, message: 'HTTP 200 · keyword "all good" not found' });
  });

  it('garbage, a huge body, a slow drip, a hang and endless redirects each give one clear failure', async () => {
    await target.setMode('garbage');
    expect((await checkHttp(http({ url: target.url }), 2000)).message).toMatch(/Not an HTTP response|Invalid HTTP response|Connection/);
    await target.setMode('huge');
    expect(await checkHttp(http({ url: target.url, keyword: 'x', maxBodyBytes: 100_000 }), 5000)).toMatchObject({ ok: false, message: 'Body larger than 98 KiB: stopped reading' });
    await target.setMode('drip');
    const started = Date.now();
    expect(await checkHttp(http({ url: target.url, keyword: 'done' }), 800)).toMatchObject({ ok: false, message: 'Timed out after 0.8 s (reading the body)' });
    expect(Date.now() - started).toBeLessThan(1500);
    await target.setMode('hang');
    expect(await checkHttp(http({ url: target.url }), 500)).toMatchObject({ ok: false, message: 'Timed out after 0.5 s (waiting for the response)' });
    await target.setMode('redirect-loop');
    expect(await checkHttp(http({ url: target.url, maxRedirects: 3 }), 2000)).toMatchObject({ ok: false, message: 'Too many redirects (more than 3)' });
    await target.setMode('down');
    expect(await checkHttp(http({ url: target.url }), 2000)).toMatchObject({ ok: false, message: 'Connection refused (ECONNREFUSED)' });
    await target.setMode('ok');
  });

  it('reads the certificate expiry and warns within the warning days; refuses a self-signed one by default', async () => {
    const tls = await selfSignedCertificate({ expiresInMs: 5 * 24 * 3600 * 1000 + 3600_000 });
    const secure = await startFlakyTarget({ tls });
    try {
      const r = await checkHttp(http({ url: secure.url, ignoreTlsErrors: true, tlsExpiryWarningDays: 14 }), 3000);
      expect(r).toMatchObject({ ok: true, message: 'HTTP 200 · certificate expires in 5 days' });
      expect(Math.abs(r.certExpiresAt! - tls.notAfter.getTime())).toBeLessThan(1000);
      expect(await checkHttp(http({ url: secure.url }), 3000)).toMatchObject({ ok: false, message: expect.stringContaining('self-signed') as string });
    } finally {
      await secure.close();
    }
  });

  it('TCP: open, closed', async () => {
    const tcp = await startTcpTarget();
    const d = { name: 't', type: 'tcp', host: '127.0.0.1', port: tcp.port, intervalSeconds: 60, timeoutSeconds: 2, retries: 0, retryIntervalSeconds: 60, public: false } as const;
    expect(await checkTcp(d, 2000)).toMatchObject({ ok: true, message: `Port ${tcp.port} open` });
    await tcp.setUp(false);
    expect(await checkTcp(d, 2000)).toMatchObject({ ok: false, message: 'Connection refused (ECONNREFUSED)' });
    await tcp.close();
  });

  describe('DNS', () => {
    let dns: DnsTarget;
    beforeAll(async () => {
      dns = await startDnsTarget({ records: { 'app.test': ['10.1.2.3'] } });
    });
    afterAll(async () => dns.close());
    const def = (fields: Partial<DnsDefinition>): DnsDefinition => ({
      name: 't',
      type: 'dns',
      host: 'app.test',
      recordType: 'A',
      resolver: `127.0.0.1:${dns.port}`,
      intervalSeconds: 60,
      timeoutSeconds: 2,
      retries: 0,
      retryIntervalSeconds: 60,
      public: false,
      ...fields,
    });

    it('matches the expected answer, reports another one, an unknown name and silence', async () => {
      expect(await checkDns(def({ expected: '10.1.2.3' }), 2000)).toMatchObject({ ok: true, message: 'A app.test → 10.1.2.3' });
      expect(await checkDns(def({ expected: '10.9.9.9' }), 2000)).toMatchObject({ ok: false, message: 'A app.test → 10.1.2.3; expected 10.9.9.9' });
      expect((await checkDns(def({ host: 'nope.test' }), 2000)).message).toContain('Host name not found');
      dns.silent = true;
      const started = Date.now();
      expect(await checkDns(def({}), 600)).toMatchObject({ ok: false, message: 'Timed out after 0.6 s (DNS)' });
      expect(Date.now() - started).toBeLessThan(1500);
      dns.silent = false;
    });
  });
});
