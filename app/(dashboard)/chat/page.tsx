import { StreamPage } from '../../_components/panels/stream-page';

export const metadata = { title: 'Chat' };

export default function ChatPage() {
  return <StreamPage id="chat" />;
}
