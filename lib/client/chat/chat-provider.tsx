'use client';

import { createContext, useEffect, useState } from 'react';
import { ChatConnection } from './chat-connection';
import { mentions } from './markdown-lite';

export const ChatConnectionContext = createContext<ChatConnection | null>(null);

/**
 * Opens the page's one chat socket for everything below it (the transport bar's indicator, the side
 * panel, the chat page, the overview card). Put it in the layout so it survives navigation. A mention
 * of the signed-in user raises a browser notification when the page is not in front and the user has
 * allowed notifications.
 */
export function ChatProvider({ children }: { children: React.ReactNode }) {
  // Created once per mount; the constructor touches no browser API, so it is safe during SSR.
  const [connection] = useState(() => new ChatConnection());

  useEffect(() => {
    const onOnline = () => connection.setOnline(true);
    const onOffline = () => connection.setOnline(false);
    const onVisibility = () => connection.setAway(document.visibilityState === 'hidden');
    const offMessage = connection.onMessage((message, live) => {
      const me = connection.getState().me?.username;
      if (!live || !me || message.user === me || !mentions(message.text, me)) return;
      if (document.visibilityState === 'visible' && document.hasFocus()) return;
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const where = message.channel.startsWith('dm:') ? 'a direct message' : `#${message.channel}`;
      const notification = new Notification(`${message.user} mentioned you in ${where}`, {
        body: message.text.slice(0, 200),
        tag: `chat-${message.id}`,
      });
      notification.onclick = () => {
        window.focus();
        location.assign(`/chat?channel=${encodeURIComponent(message.channel)}`);
      };
    });
    connection.start({ online: navigator.onLine });
    connection.setAway(document.visibilityState === 'hidden');
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      offMessage();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisibility);
      connection.dispose();
    };
  }, [connection]);

  return <ChatConnectionContext value={connection}>{children}</ChatConnectionContext>;
}
