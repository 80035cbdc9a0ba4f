import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Deploys' };

export default function DeploysPage() {
  return <StreamPage id="deploys" />;
}
