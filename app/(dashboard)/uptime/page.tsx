import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Uptime' };

export default function UptimePage() {
  return <StreamPage id="uptime" />;
}
