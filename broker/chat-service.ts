import { getBus } from '../lib/server/bus';
import { onChatNotice } from '../lib/server/chat/notices';
import { ChatStore } from '../lib/server/chat/store';
import { postSystemMessages } from '../lib/server/chat/system-poster';
import type { Service } from '../lib/server/services';
import { getCluster } from '../lib/server/scale/cluster';
import { getDb } from '../lib/server/store';
import { bridgeChat } from './chat-cluster';
import { ChatHub } from './chat-hub';

let hub: ChatHub | null = null;
let unsubscribe: (() => void)[] = [];

/** The chat socket at `/ws/chat`, the system messages posted into #ops, and their shutdown. */
export const chatService: Service = {
  name: 'chat',
  start({ upgrades }) {
    const db = getDb();
    const store = new ChatStore(db);
    const bus = getBus();
    hub = new ChatHub(db, store, bus);
    hub.start();
    upgrades.add('/ws/chat', hub.handleUpgrade);
    const current = hub;
    unsubscribe = [
      postSystemMessages(bus, store, (draft) => current.post(draft)),
      onChatNotice((notice) => {
        const channel = notice.type === 'channel-created' ? store.channel(notice.key) : undefined;
        if (channel) current.channelCreated(channel);
      }),
    ];
    const cluster = getCluster();
    if (cluster) unsubscribe.push(bridgeChat(current, cluster));
  },
  async stop() {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    await hub?.close();
    hub = null;
  },
};
