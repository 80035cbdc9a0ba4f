import type { StreamName } from '@/lib/events';
import { Code } from '../ui/empty-state';

/** Where this server is reachable, as seen by the browser that asked (for copyable snippets). */
export interface SiteAddress {
  /** e.g. "http://ops.example:3000" */
  origin: string;
  /** e.g. "ops.example" */
  hostname: string;
}

export type PanelId = 'deploys' | 'logs' | 'uptime' | 'sensors' | 'chat' | 'metrics';

/** A live area of the dashboard: an overview card and a page, both fed by one stream. */
export interface Panel {
  id: PanelId;
  title: string;
  href: string;
  stream: StreamName;
  /** One sentence under the page title. */
  description: string;
  /** The empty state's headline, e.g. "No deploys yet". */
  emptyTitle: string;
  /** What to connect, in one or two lines (the overview card shows this). */
  hint: (site: SiteAddress) => React.ReactNode;
}

export const PANELS: readonly Panel[] = [
  {
    id: 'deploys',
    title: 'Deploys',
    href: '/deploys',
    stream: 'deploys',
    description: 'Deploys as they run: start, progress by step, and the outcome.',
    emptyTitle: 'No deploys yet',
    hint: () => (
      <>
        Point a CI webhook at <Code>/api/webhooks/deploy</Code> (or <Code>/api/webhooks/github</Code>,{' '}
        <Code>/api/webhooks/gitlab</Code>).
      </>
    ),
  },
  {
    id: 'logs',
    title: 'Logs',
    href: '/logs',
    stream: 'logs',
    description: 'Container and pushed logs, merged and live, like a terminal.',
    emptyTitle: 'No log lines yet',
    hint: () => (
      <>
        Connect a Docker engine (<Code>DOCKER_HOST</Code>) or push with Loki to <Code>/loki/api/v1/push</Code>
        .
      </>
    ),
  },
  {
    id: 'uptime',
    title: 'Uptime',
    href: '/uptime',
    stream: 'monitors',
    description: 'HTTP, TCP, DNS and push monitors: status, latency and incidents.',
    emptyTitle: 'No monitors yet',
    hint: () => (
      <>
        Add a monitor or set <Code>MONITORS_FILE</Code> to a JSON list of monitors.
      </>
    ),
  },
  {
    id: 'sensors',
    title: 'Sensors',
    href: '/sensors',
    stream: 'sensors',
    description: 'MQTT devices: readings, online status and threshold alerts.',
    emptyTitle: 'No devices yet',
    hint: (site) => (
      <>
        Create a device on the Sensors page and point it at <Code>mqtt://{site.hostname}:1883</Code> (
        <Code>MQTT_PORT</Code>); with <Code>SIMULATORS=on</Code>, the default, simulated sensors publish.
      </>
    ),
  },
  {
    id: 'chat',
    title: 'Chat',
    href: '/chat',
    stream: 'chat',
    description: 'The ops channel: messages, presence and system notices.',
    emptyTitle: 'No messages yet',
    hint: () => (
      <>
        Talk with your team over the WebSocket at <Code>/ws/chat</Code>; deploys, monitors and sensor alerts
        post to #ops.
      </>
    ),
  },
  {
    id: 'metrics',
    title: 'Metrics',
    href: '/live-metrics',
    stream: 'metrics',
    description: 'Live process and transport metrics, sampled every second.',
    emptyTitle: 'Samples stream on the Metrics page',
    hint: () => (
      <>
        Open it for live charts: samples go straight to that page over WebTransport (UDP <Code>WT_PORT</Code>,
        4433 by default) or its WebSocket fallback; Prometheus can scrape <Code>/metrics</Code>.
      </>
    ),
  },
];

export function panel(id: PanelId): Panel {
  const found = PANELS.find((p) => p.id === id);
  if (!found) throw new Error(`Unknown panel ${id}`);
  return found;
}
