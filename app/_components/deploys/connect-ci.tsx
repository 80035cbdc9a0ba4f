import type { SiteAddress } from '../panels/panels';
import { CopySnippet } from '../ui/copy-snippet';
import { Code } from '../ui/empty-state';

/** The README's signing example, aimed at this server. */
function curlSnippet(origin: string): string {
  return [
    `body='{"deployId":"api-1842","service":"api","environment":"production","version":"1.4.2","status":"started"}'`,
    `ts=$(date +%s)`,
    `sig=$(printf '%s' "$ts.$body" | openssl dgst -sha256 -hmac "$DEPLOY_WEBHOOK_SECRET" -hex | sed 's/^.* //')`,
    `curl -sS -X POST ${origin}/api/webhooks/deploy \\`,
    `  -H 'content-type: application/json' -H "X-Signalboard-Timestamp: $ts" \\`,
    `  -H "X-Signalboard-Signature: sha256=$sig" --data "$body"`,
  ].join('\n');
}

function notifierSnippet(origin: string): string {
  return [
    `export SIGNALBOARD_URL=${origin} SIGNALBOARD_DEPLOY_SECRET=<the deploy secret>`,
    `node bin/signalboard-notify.mjs start --service api --environment production --version 1.4.2`,
    `node bin/signalboard-notify.mjs run --step build --percent 20 -- npm run build`,
    `node bin/signalboard-notify.mjs progress --step deploy --percent 80`,
    `node bin/signalboard-notify.mjs complete --status success`,
  ].join('\n');
}

/**
 * How to make deploys appear: a runner with the notifier or curl, GitHub or GitLab webhooks, and
 * where the secrets come from. The page's empty state, and a folded help section once data flows.
 */
export function ConnectCi({ site }: { site: SiteAddress }) {
  const { origin } = site;
  return (
    <div className="space-y-4 text-sm leading-relaxed text-slate-600 dark:text-slate-400">
      <p>
        Deploys appear here as your CI reports them: each with its service, environment, version, progress by
        step and outcome. Every webhook is signed; give Signalboard the secret at start (
        <Code>DEPLOY_WEBHOOK_SECRET</Code>, <Code>GITHUB_WEBHOOK_SECRET</Code>,{' '}
        <Code>GITLAB_WEBHOOK_TOKEN</Code>) or have an admin create one with{' '}
        <Code>POST /api/settings/webhook-secrets</Code> and <Code>{'{"source":"deploy","name":"ci"}'}</Code>{' '}
        (it is shown once).
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="min-w-0 space-y-2">
          <h3 className="font-semibold text-slate-800 dark:text-slate-100">Any runner: the notifier</h3>
          <p>
            <Code>node bin/signalboard-notify.mjs start|progress|complete|run</Code> signs each step for you,
            retries with backoff, and never fails the job because the dashboard is down. <Code>run</Code>{' '}
            wraps a command and reports its step and exit status.
          </p>
          <CopySnippet label="Notifier in a CI job" text={notifierSnippet(origin)} />
        </div>
        <div className="min-w-0 space-y-2">
          <h3 className="font-semibold text-slate-800 dark:text-slate-100">Any runner: curl and openssl</h3>
          <p>
            <Code>POST {origin}/api/webhooks/deploy</Code> with{' '}
            <Code>{'{ deployId, service, environment, version, step, percent, status, message, url }'}</Code>;{' '}
            <Code>status</Code> is <Code>started</Code>, <Code>in_progress</Code>, then <Code>success</Code>,{' '}
            <Code>failure</Code> or <Code>cancelled</Code>. The signature is an HMAC-SHA256 of{' '}
            <Code>&lt;timestamp&gt;.&lt;body&gt;</Code>; timestamps older than 5 minutes are refused.
          </p>
          <CopySnippet label="Signed webhook with curl" text={curlSnippet(origin)} />
        </div>
        <div className="min-w-0 space-y-1">
          <h3 className="font-semibold text-slate-800 dark:text-slate-100">GitHub Actions</h3>
          <p>
            Repository <em>Settings → Webhooks → Add webhook</em>: payload URL{' '}
            <Code>{origin}/api/webhooks/github</Code>, content type <Code>application/json</Code>, the GitHub
            secret, and the events <em>Workflow runs</em>, <em>Workflow jobs</em>, <em>Deployments</em> and{' '}
            <em>Deployment statuses</em>. Each run becomes a deploy; its jobs and steps become the timeline.
          </p>
        </div>
        <div className="min-w-0 space-y-1">
          <h3 className="font-semibold text-slate-800 dark:text-slate-100">GitLab CI</h3>
          <p>
            Project <em>Settings → Webhooks</em>: URL <Code>{origin}/api/webhooks/gitlab</Code>, the secret
            token, and the triggers <em>Pipeline events</em>, <em>Job events</em> and{' '}
            <em>Deployment events</em>.
          </p>
        </div>
      </div>
    </div>
  );
}
