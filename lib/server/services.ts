import 'server-only';
import type { Server } from 'node:http';
import type { Env } from '../env';
import type { UpgradeRouter } from './upgrade-router';

/** What a background part gets when it starts. */
export interface ServiceContext {
  env: Env;
  server: Server;
  upgrades: UpgradeRouter;
}

/**
 * A part that runs beside the web app (broker, chat socket, WebTransport listener, producers,
 * simulators). Each later feature adds one to the list in server.ts; start order is list order and
 * stop order is the reverse.
 */
export interface Service {
  name: string;
  /** Not started when this returns false (e.g. simulators with SIMULATORS=off). */
  enabled?(env: Env): boolean;
  start(context: ServiceContext): Promise<void> | void;
  /** Close connections with a proper code and flush; must finish within the shutdown budget. */
  stop(): Promise<void> | void;
}

export async function startServices(services: Service[], context: ServiceContext): Promise<Service[]> {
  const started: Service[] = [];
  for (const service of services) {
    if (service.enabled && !service.enabled(context.env)) continue;
    await service.start(context);
    started.push(service);
    console.log(`[server] started ${service.name}`);
  }
  return started;
}

export async function stopServices(started: Service[]): Promise<void> {
  for (const service of [...started].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      console.error(`[server] stopping ${service.name} failed:`, error);
    }
  }
}
