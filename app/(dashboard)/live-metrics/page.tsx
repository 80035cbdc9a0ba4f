import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Metrics' };

export default function MetricsPage() {
  return <StreamPage id="metrics" />;
}
