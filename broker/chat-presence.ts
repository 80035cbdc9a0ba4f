import type { PresenceChange, PresenceEntry, ServerFrame } from '../lib/events/chat-frames';

type Status = PresenceChange['status'];

/**
 * Who is online. The current state is exact at every moment (for the `welcome` of a new socket);
 * changes are sent in batches every `flushMs`, only for users whose status differs from what was last
 * sent, so a flapping connection or a crowd reconnecting after a restart costs one frame per batch.
 *
 * Presence stays on the chat socket, off the bus: every dashboard tab opens its own chat socket, so a
 * `presence` event per arrival would show on every page (the overview's "events since load", the chat
 * card's activity) as live activity that is nobody's news.
 */
export class ChatPresence {
  private readonly current = new Map<string, Exclude<Status, 'offline'>>();
  private readonly sent = new Map<string, Status>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly flushMs: number,
    private readonly broadcast: (frame: ServerFrame) => void,
  ) {}

  update(user: string, status: Status): void {
    if (status === 'offline') this.current.delete(user);
    else this.current.set(user, status);
    this.dirty.add(user);
    if (!this.timer && !this.stopped) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  snapshot(): PresenceEntry[] {
    return [...this.current].map(([user, status]) => ({ user, status }));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flush(): void {
    this.timer = null;
    const changes: PresenceChange[] = [];
    for (const user of this.dirty) {
      const status = this.current.get(user) ?? 'offline';
      if ((this.sent.get(user) ?? 'offline') === status) continue;
      changes.push({ user, status });
      if (status === 'offline') this.sent.delete(user);
      else this.sent.set(user, status);
    }
    this.dirty.clear();
    if (changes.length === 0) return;
    this.broadcast({ type: 'presence', changes });
  }
}
