/**
 * Signalboard's process: one HTTP server for the web app and every real-time channel. Thin by design:
 * each part lives in lib/server or broker/ and is listed here in start order.
 */
import { createServer } from 'node:http';
import next from 'next';
import { chatService } from './broker/chat-service';
import { mqttService } from './broker/mqtt-service';
import { liveMetricsService } from './broker/webtransport/live-metrics-service';
import { EnvError, env as loadEnv } from './lib/env';
import { ensureInitialAdmin } from './lib/server/auth/users';
import { deploysService } from './lib/server/deploys/service';
import { logsService } from './lib/server/logs/service';
import { createRequestHandler } from './lib/server/http/handler';
import { maintenanceService } from './lib/server/maintenance';
import { monitorsService } from './lib/server/monitors/service';
import { clusterService } from './lib/server/scale/service';
import { startServices, stopServices, type Service } from './lib/server/services';
import { getSseHub } from './lib/server/sse';
import { StoreError, closeStore, getDb } from './lib/server/store';
import { walCheckpointer } from './lib/server/store/checkpointer';
import { transportStatsService } from './lib/server/transport-stats/service';
import { UpgradeRouter } from './lib/server/upgrade-router';
import { ciSimulatorService } from './simulators/ci-runner';
import { sensorSimulatorService } from './simulators/sensors/service';
import { flakyServicesSimulator } from './simulators/flaky-services';
import { logContainersSimulator } from './simulators/log-containers';

const SHUTDOWN_BUDGET_MS = 5_000;

/** Background parts, started in this order and stopped in reverse. */
const SERVICES: Service[] = [
  walCheckpointer,
  // Before every producer: with REDIS_URL, every event published from here on goes to the other instances.
  clusterService,
  maintenanceService,
  deploysService,
  logsService,
  chatService,
  mqttService,
  monitorsService,
  liveMetricsService,
  transportStatsService,
  // Simulators last: they feed the parts above (each checks SIMULATORS itself).
  ciSimulatorService,
  sensorSimulatorService,
  flakyServicesSimulator,
  logContainersSimulator,
];

async function main(): Promise<void> {
  const config = loadEnv();
  const dev = config.NODE_ENV === 'development';
  const db = getDb();
  await ensureInitialAdmin(db, config.SIGNALBOARD_ADMIN_PASSWORD);

  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const hub = getSseHub();
  const server = createServer(
    { keepAliveTimeout: 65_000 },
    createRequestHandler({ next: app.getRequestHandler(), hub: () => hub }),
  );
  const upgrades = new UpgradeRouter();
  upgrades.attach(server);
  const started = await startServices(SERVICES, { env: config, server, upgrades });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  const shown = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  console.log(
    `[server] Signalboard ready on http://${shown}:${config.PORT} (${dev ? 'development' : 'production'})`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: shutting down`);
    setTimeout(() => {
      console.error('[server] shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS).unref();
    server.close();
    hub.stop();
    await stopServices(started);
    server.closeIdleConnections();
    // Requests in flight get a moment to finish before their sockets are closed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.closeAllConnections();
    await app.close().catch(() => undefined);
    closeStore();
    // stdout may be a pipe (asynchronous in Node): exit once the last line is out.
    process.stdout.write('[server] stopped\n', () => process.exit(0));
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof StoreError) {
    console.error(`[server] cannot start: ${error.message}`);
  } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[server] cannot start: ${(error as Error).message}. Set PORT to a free port.`);
  } else {
    console.error('[server] cannot start:', error);
  }
  process.exit(1);
});
