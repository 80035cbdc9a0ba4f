import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Sensors' };

export default function SensorsPage() {
  return <StreamPage id="sensors" />;
}
