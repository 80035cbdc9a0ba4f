import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ChatProvider } from '@/lib/client/chat/chat-provider';
import { LiveEventsProvider } from '@/lib/client/live-events-provider';
import { STREAMS } from '@/lib/events';
import { authenticate } from '@/lib/server/auth/request-auth';
import { ChatPanel } from '../_components/chat/chat-panel';
import { AppHeader } from '../_components/shell/app-header';
import { KeyboardShortcuts } from '../_components/shell/keyboard-shortcuts';
import { TransportBar } from '../_components/shell/transport-bar';

/**
 * The signed-in shell. The custom server already sends anonymous visitors to /login; the check here
 * keeps the layout honest if it is ever rendered some other way. The live and chat providers sit in
 * the layout so that their one EventSource and one chat WebSocket survive navigation between pages;
 * the chat panel beside every page uses the same socket.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const principal = authenticate(await headers());
  if (!principal) redirect('/login');
  const { username, role } = principal.user;
  return (
    <LiveEventsProvider streams={STREAMS}>
      <ChatProvider>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-sky-600 focus:px-3 focus:py-2 focus:text-white"
        >
          Skip to content
        </a>
        <div className="sticky top-0 z-10">
          <AppHeader user={{ username, role }} />
          <TransportBar />
        </div>
        {/* Bottom room so the floating chat button never covers the last row. */}
        <main id="main" className="mx-auto max-w-7xl px-4 pt-6 pb-20 sm:px-6">
          {children}
        </main>
        <KeyboardShortcuts />
        <ChatPanel />
      </ChatProvider>
    </LiveEventsProvider>
  );
}
