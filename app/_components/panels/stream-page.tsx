import { RecentEvents } from '../live/recent-events';
import { SseIndicator } from '../live/sse-indicator';
import { StreamActivity } from '../live/stream-activity';
import { CopySnippet } from '../ui/copy-snippet';
import { Code, EmptyState } from '../ui/empty-state';
import { PageHeader } from '../ui/page-header';
import { panel, tryItCommand, type PanelId } from './panels';
import { siteAddress } from './site-address';

/**
 * The page of one live area while its real view is still to come: title, live indicator, a
 * one-line glance, an empty state that teaches how to feed it, and the raw events as they arrive.
 * `children` (the real view, from a later issue) takes the empty state's place.
 */
export async function StreamPage({ id, children }: { id: PanelId; children?: React.ReactNode }) {
  const p = panel(id);
  const site = await siteAddress();
  return (
    <div className="space-y-6">
      <PageHeader
        title={p.title}
        description={p.description}
        indicator={<SseIndicator label="Live · SSE" />}
      />
      <StreamActivity stream={p.stream} />
      {children ?? (
        <EmptyState title={p.emptyTitle}>
          {p.howTo(site)}
          <CopySnippet label="Try it now: publish a sample event" text={tryItCommand(site, p.sample)} />
          <p className="text-xs">
            An admin creates the key once with <Code>POST /api/keys</Code> and{' '}
            <Code>{'{"name":"ci","role":"operator"}'}</Code>; it is shown only at creation.
          </p>
        </EmptyState>
      )}
      <RecentEvents stream={p.stream} title={`Recent ${p.stream} events`} />
    </div>
  );
}
