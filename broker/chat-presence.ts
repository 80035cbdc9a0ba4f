import type { PresenceChange, PresenceEntry, ServerFrame } from '../lib/events/chat-frames';

type Status = PresenceChange['status'];
type Present = Exclude<Status, 'offline'>;

/**
 * Who is online. The current state is exact at every moment (for the `welcome` of a new socket);
 * changes are sent in batches every `flushMs`, only for users whose status differs from what was last
 * sent, so a flapping connection or a crowd reconnecting after a restart costs one frame per batch.
 *
 * Presence stays on the chat socket, off the bus: every dashboard tab opens its own chat socket, so a
 * `presence` event per arrival would show on every page (the overview's "events since load", the chat
 * card's activity) as live activity that is nobody's news.
 *
 * With several instances, each sends its own users to the others (chat-cluster.ts) and keeps theirs
 * apart here: a user is online if any instance says so, away if all of those that know them say away.
 */
export class ChatPresence {
  private readonly current = new Map<string, Present>();
  private readonly remote = new Map<string, { users: Map<string, Present>; seen: number }>();
  private readonly sent = new Map<string, Status>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly flushMs: number,
    private readonly broadcast: (frame: ServerFrame) => void,
    /** Told when this instance's own users change (the cluster link sends them on). */
    private readonly onLocalChange: () => void = () => undefined,
  ) {}

  update(user: string, status: Status): void {
    if (status === 'offline') this.current.delete(user);
    else this.current.set(user, status);
    this.touch(user);
    this.onLocalChange();
  }

  /** Everything another instance says about its users (it sends the whole list each time). */
  setRemote(instance: string, entries: readonly PresenceEntry[], now = Date.now()): void {
    const users = new Map(entries.map((e) => [e.user, e.status] as const));
    for (const user of this.remote.get(instance)?.users.keys() ?? []) if (!users.has(user)) this.touch(user);
    for (const user of users.keys()) this.touch(user);
    this.remote.set(instance, { users, seen: now });
  }

  /** Forgets instances not heard of since `before` (stopped or dead): their users go offline. */
  dropRemoteBefore(before: number): void {
    for (const [instance, entry] of this.remote) {
      if (entry.seen >= before) continue;
      this.remote.delete(instance);
      for (const user of entry.users.keys()) this.touch(user);
    }
  }

  /** This instance's own users. */
  localSnapshot(): PresenceEntry[] {
    return [...this.current].map(([user, status]) => ({ user, status }));
  }

  snapshot(): PresenceEntry[] {
    if (this.remote.size === 0) return this.localSnapshot();
    const users = new Set(this.current.keys());
    for (const entry of this.remote.values()) for (const user of entry.users.keys()) users.add(user);
    const out: PresenceEntry[] = [];
    for (const user of users) {
      const status = this.statusOf(user);
      if (status !== 'offline') out.push({ user, status });
    }
    return out;
  }

  private statusOf(user: string): Status {
    let status: Status = this.current.get(user) ?? 'offline';
    if (status === 'online') return status;
    for (const entry of this.remote.values()) {
      const theirs = entry.users.get(user);
      if (theirs === 'online') return 'online';
      if (theirs === 'away') status = 'away';
    }
    return status;
  }

  private touch(user: string): void {
    this.dirty.add(user);
    if (!this.timer && !this.stopped) {
      this.timer = setTimeout(() => this.flush(), this.flushMs);
      this.timer.unref();
    }
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
      const status = this.statusOf(user);
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
