import { describe, expect, it } from 'vitest';
import { loginCookie } from './support/client';
import { freePort, startExpectingFailure, startServer } from './support/server';
import { testCertificate } from './support/tls';

interface LiveMetricsInfo {
  webtransport: {
    port: number;
    certificateHashes: { algorithm: string; value: string }[];
    certificate: { mode: string; notAfter: string };
  } | null;
}

async function liveMetricsInfo(base: string, cookie: string): Promise<LiveMetricsInfo> {
  const res = await fetch(`${base}/api/live-metrics`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as LiveMetricsInfo;
}

describe('the WebTransport certificate', () => {
  it('is self-signed and pinned by hash by default, and the operator certificate when WT_TLS_CERT/KEY are set', async () => {
    const plain = await startServer({ env: { WT_PORT: String(await freePort()) } });
    try {
      const info = await liveMetricsInfo(plain.base, await loginCookie(plain.base));
      expect(info.webtransport?.certificate.mode).toBe('self-signed');
      expect(info.webtransport?.certificateHashes).toHaveLength(1);
    } finally {
      await plain.stop();
    }

    const tls = await testCertificate();
    const own = await startServer({
      env: { WT_PORT: String(await freePort()), WT_TLS_CERT: tls.cert, WT_TLS_KEY: tls.key },
    });
    try {
      const info = await liveMetricsInfo(own.base, await loginCookie(own.base));
      // The browser checks an operator's certificate against its trust store: no hashes to pin.
      expect(info.webtransport?.certificate.mode).toBe('operator');
      expect(info.webtransport?.certificateHashes).toEqual([]);
      // The test certificate is valid for a day, not the self-signed one's ~10 days.
      const days = (Date.parse(info.webtransport!.certificate.notAfter) - Date.now()) / 86_400_000;
      expect(days).toBeLessThan(1.01);
    } finally {
      await own.stop();
    }
  });

  it('refuses to start with only half of it configured, naming the variables', async () => {
    const tls = await testCertificate();
    const { code, output } = await startExpectingFailure({ WT_TLS_KEY: tls.key });
    expect(code).toBe(1);
    expect(output).toContain('WT_TLS_CERT and WT_TLS_KEY must be set together');
  });
});
