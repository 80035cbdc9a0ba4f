import type { EventType, StreamName } from '@/lib/events';
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
  /** The page's fuller explanation: what will appear and every way to feed it. */
  howTo: (site: SiteAddress) => React.ReactNode;
  /** A valid event of this stream, for the "try it now" snippet. */
  sample: { type: EventType; data: Record<string, unknown> };
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
    howTo: (site) => (
      <>
        <p>
          Each deploy will show here with its service, environment, version, progress and result. Send your CI
          pipeline&apos;s events to <Code>{site.origin}/api/webhooks/deploy</Code>, or add a webhook in GitHub
          (<Code>/api/webhooks/github</Code>, secret <Code>GITHUB_WEBHOOK_SECRET</Code>) or GitLab (
          <Code>/api/webhooks/gitlab</Code>, token <Code>GITLAB_WEBHOOK_TOKEN</Code>).
        </p>
      </>
    ),
    sample: {
      type: 'deploy-start',
      data: { deployId: 'demo-1', service: 'api', environment: 'production', version: '1.4.2' },
    },
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
    howTo: (site) => (
      <>
        <p>
          Log lines will stream here with their container, level and time. Start Signalboard with{' '}
          <Code>DOCKER_HOST</Code> set (or with access to <Code>/var/run/docker.sock</Code>) to follow your
          containers, or point Promtail, Grafana Alloy or any Loki client at{' '}
          <Code>{site.origin}/loki/api/v1/push</Code> (token <Code>LOKI_PUSH_TOKEN</Code>).
        </p>
      </>
    ),
    sample: {
      type: 'log-line',
      data: {
        source: 'push',
        container: 'api',
        stream: 'stdout',
        level: 'info',
        time: 1764000000000,
        line: 'hello from curl',
      },
    },
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
    howTo: () => (
      <>
        <p>
          Each monitor will show its status (up, down, pending, maintenance), latency and open incidents. Add
          monitors in the UI once it lands, or start Signalboard with <Code>MONITORS_FILE</Code> pointing at a
          JSON list such as{' '}
          <Code>
            {
              '[{ "name": "api", "type": "http", "url": "https://api.example/health", "intervalSeconds": 30 }]'
            }
          </Code>
          .
        </p>
      </>
    ),
    sample: { type: 'monitor-status', data: { name: 'api', status: 'up', latencyMs: 42 } },
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
        Run <Code>npm run sim</Code> or point a device at <Code>mqtt://{site.hostname}:1883</Code>.
      </>
    ),
    howTo: (site) => (
      <>
        <p>
          Devices will appear with their latest readings, whether they are online, and alerts when a value
          crosses its threshold. Run <Code>npm run sim</Code> for simulated sensors, or connect a device to{' '}
          <Code>mqtt://{site.hostname}:1883</Code> (MQTT over WebSocket: <Code>/mqtt</Code>) with the id and
          password listed in <Code>DEVICES_FILE</Code>.
        </p>
      </>
    ),
    sample: { type: 'device-status', data: { deviceId: 'greenhouse-1', online: true } },
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
    howTo: () => (
      <>
        <p>
          Messages, channels, direct messages and who is online show here, carried both ways over the
          WebSocket at <Code>/ws/chat</Code>. Write the first message, or wait for a deploy, a monitor or a
          sensor alert to post to #ops.
        </p>
      </>
    ),
    sample: {
      type: 'chat-message',
      data: { messageId: 1, channel: 'ops', user: 'curl', text: 'Hello, ops!' },
    },
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
    howTo: (site) => (
      <>
        <p>
          Charts of CPU, memory, event-loop lag and per-transport traffic update on the Metrics page up to 60
          times a second, over WebTransport (UDP port <Code>WT_PORT</Code>, 4433 by default) with a WebSocket
          fallback. The same figures are available to Prometheus at <Code>{site.origin}/metrics</Code>.
        </p>
      </>
    ),
    sample: { type: 'metrics-sample', data: { seq: 1, values: { cpu: 0.42, rssMb: 180 } } },
  },
];

export function panel(id: PanelId): Panel {
  const found = PANELS.find((p) => p.id === id);
  if (!found) throw new Error(`Unknown panel ${id}`);
  return found;
}

/** A curl command that publishes the panel's sample event with an operator API key. */
export function tryItCommand(site: SiteAddress, sample: Panel['sample']): string {
  const body = JSON.stringify({ type: sample.type, data: sample.data });
  return [
    `curl -X POST ${site.origin}/api/events \\`,
    `  -H 'Authorization: Bearer <operator API key>' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}
