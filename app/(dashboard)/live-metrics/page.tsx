import { LiveMetricsPanel } from '../../_components/live-metrics/live-metrics-panel';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Live metrics' };

/** Signalboard's own vital signs and traffic, live over WebTransport with a WebSocket fallback. */
export default function LiveMetricsPage() {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Live metrics"
        description="This server's CPU, memory, event loop, GC and traffic per transport, sampled up to 60 times a second."
      />
      <LiveMetricsPanel />
    </div>
  );
}
