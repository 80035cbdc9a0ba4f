import { ChatIndicator } from '../../_components/chat/chat-indicator';
import { ChatView } from '../../_components/chat/chat-view';
import { PageHeader } from '../../_components/ui/page-header';

export const metadata = { title: 'Chat' };

/** The team chat: #ops (where Signalboard posts deploys, monitors and alerts), #incidents, more channels and DMs. */
export default async function ChatPage({
  searchParams,
}: {
  searchParams: Promise<{ channel?: string | string[] }>;
}) {
  const { channel } = await searchParams;
  const initial = typeof channel === 'string' && /^[a-z0-9:+._-]{1,140}$/.test(channel) ? channel : 'ops';
  return (
    <div className="space-y-4">
      <PageHeader
        title="Chat"
        description="Talk where the signals are: Signalboard posts deploy outcomes, monitors and alerts into #ops."
        indicator={<ChatIndicator label="Live · WebSocket" />}
      />
      <ChatView variant="page" initialChannel={initial} />
    </div>
  );
}
