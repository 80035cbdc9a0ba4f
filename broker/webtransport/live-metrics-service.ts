import os from 'node:os';
import { CertificateManager } from '../../lib/server/live-metrics/certificates';
import { startLiveMetrics, type LiveMetricsRuntime } from '../../lib/server/live-metrics/runtime';
import { registerWebTransport, sessionTokens } from '../../lib/server/live-metrics/webtransport-registry';
import { registerQuicProbe } from '../../lib/server/transport-stats/quic-probe';
import type { Service } from '../../lib/server/services';
import { readTlsFiles } from '../../lib/server/tls-files';
import { getDb } from '../../lib/server/store';
import { METRICS_WT_PATH, metricsSessionOpener } from './metrics-session';
import { QuicListener } from './quic-listener';
import { MetricsSocketServer } from './ws-metrics';

let runtime: LiveMetricsRuntime | null = null;
let sockets: MetricsSocketServer | null = null;
let listener: QuicListener | null = null;
let certificates: CertificateManager | null = null;

/**
 * Live metrics: the sampler, the WebTransport listener on UDP `WT_PORT` (HTTP/3, self-signed
 * certificate rotated before expiry), and the WebSocket fallback at `/ws/metrics`. A WebTransport
 * listener that cannot start (port taken, no QUIC binding for this platform) is logged and skipped:
 * pages then use the fallback.
 */
export const liveMetricsService: Service = {
  name: 'live metrics',
  async start({ env, upgrades }) {
    runtime = startLiveMetrics(env.DATA_DIR);
    sockets = new MetricsSocketServer(runtime.hub);
    upgrades.add('/ws/metrics', sockets.handleUpgrade);

    const hosts = [...new Set(['localhost', '127.0.0.1', '::1', os.hostname(), env.HOST])].filter(
      (h) => h !== '0.0.0.0' && h !== '::',
    );
    // The operator's certificate (WT_TLS_CERT / WT_TLS_KEY) when given: browsers check it against their
    // trust store, so the page passes no hashes; else a self-signed one, rotated before expiry.
    const own = readTlsFiles(env.WT_TLS_CERT, env.WT_TLS_KEY, 'WT_TLS');
    certificates = new CertificateManager({
      hosts,
      operator: own ? { certPem: own.cert.toString('utf8'), keyPem: own.key.toString('utf8') } : undefined,
    });
    try {
      await certificates.start();
      const quic = new QuicListener(
        metricsSessionOpener({
          hub: runtime.hub,
          tokens: sessionTokens(),
          db: getDb,
          sessionsPerWindow: 30,
          windowMs: 60_000,
        }),
        { host: env.HOST, port: env.WT_PORT },
      );
      quic.setCertificate(certificates.current);
      certificates.onRotate((cert) => quic.setCertificate(cert));
      await quic.listen();
      listener = quic;
      registerWebTransport({ port: quic.port, path: METRICS_WT_PATH, certificates });
      registerQuicProbe(() => quic.quicTotals());
      console.log(`[webtransport] listening on udp://${env.HOST}:${quic.port}${METRICS_WT_PATH} (HTTP/3)`);
    } catch (error) {
      certificates.stop();
      certificates = null;
      console.error(
        `[webtransport] not started on udp ${env.WT_PORT} (${(error as Error).message}); ` +
          'live metrics use the WebSocket fallback. Set WT_PORT to a free port.',
      );
    }
  },
  async stop() {
    registerWebTransport(null);
    registerQuicProbe(null);
    await listener?.close();
    listener = null;
    certificates?.stop();
    certificates = null;
    await sockets?.close();
    sockets = null;
    runtime?.stop();
    runtime = null;
  },
};
