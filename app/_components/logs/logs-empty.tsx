import type { SiteAddress } from '../panels/panels';
import { CopySnippet } from '../ui/copy-snippet';
import { Code } from '../ui/empty-state';

/** The teaching empty state of the logs page: connect an engine, or push with Loki's API. */
export function LogsEmpty({ site, dockerHost }: { site: SiteAddress; dockerHost: string }) {
  const push = [
    `curl -X POST ${site.origin}/loki/api/v1/push \\`,
    `  -H "Authorization: Bearer $LOKI_PUSH_TOKEN" -H 'Content-Type: application/json' \\`,
    `  -d '{"streams":[{"stream":{"job":"curl","level":"info"},"values":[["'$(date +%s%N)'","hello from curl"]]}]}'`,
  ].join('\n');
  return (
    <div
      data-logs-empty
      className="max-w-3xl space-y-3 font-sans text-sm leading-relaxed text-slate-600 dark:text-slate-400"
    >
      <p className="text-base font-semibold text-slate-800 dark:text-slate-100">No log lines yet</p>
      <p>
        Signalboard follows every running container of the Docker engine at <Code>DOCKER_HOST</Code> (now{' '}
        <Code>{dockerHost}</Code>): containers that start later appear by themselves, and every line is kept
        for search. Start Signalboard with <Code>DOCKER_HOST=unix:///var/run/docker.sock</Code> (or{' '}
        <Code>tcp://host:2375</Code>), or try it with a private engine (root, Debian&apos;s{' '}
        <Code>docker.io</Code> and <Code>busybox-static</Code>):
      </p>
      <CopySnippet
        label="A private engine and a container that logs"
        text={[
          'eval "$(bash scripts/docker-start.sh)" && bash scripts/docker-image.sh',
          "docker run -d --name hello --network none localhost/busybox:latest sh -c 'while true; do echo hello; sleep 1; done'",
          '# then start Signalboard in this shell (npm run demo)',
        ].join('\n')}
      />
      <p>
        Or push lines from anywhere with Loki&apos;s push API: set <Code>LOKI_PUSH_TOKEN</Code> at start, or
        have an admin add a <Code>loki</Code> secret, and point Promtail, Grafana Alloy or Vector at{' '}
        <Code>{site.origin}/loki/api/v1/push</Code> with the token as bearer token (or basic-auth password).
      </p>
      <CopySnippet label="Push a line with curl" text={push} />
    </div>
  );
}
