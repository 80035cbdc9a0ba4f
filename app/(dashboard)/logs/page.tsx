import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Logs' };

export default function LogsPage() {
  return <StreamPage id="logs" />;
}
