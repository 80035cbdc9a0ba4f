/**
 * What the dashboard remembers of the live stream: counters, the recent events of each stream
 * (bounded), and the subscribers. Transport-agnostic, so a WebSocket or WebTransport client can feed
 * the same store later.
 */
import { EVENT_TYPE_NAMES, STREAMS, type EventType, type StreamName } from '../events';
import type { HelloInfo, ResetInfo } from './control-events';
import type { AnyLiveEvent, LiveEvent } from './live-event';
import { RingBuffer } from './ring-buffer';

/** How many raw events each stream keeps for the live lists (and the all-streams list keeps too). */
export const RECENT_CAPACITY = 200;

export interface StreamStats {
  count: number;
  /** Arrival time (client clock) of the last event; null before the first. */
  lastAt: number | null;
}

export interface LiveStats {
  /** Events received since the page loaded. */
  total: number;
  byStream: Readonly<Record<StreamName, StreamStats>>;
  lastAt: number | null;
}

export type RecentKey = StreamName | 'all';
type Listener = () => void;

function emptyStats(): LiveStats {
  const byStream = Object.fromEntries(STREAMS.map((s) => [s, { count: 0, lastAt: null }])) as Record<
    StreamName,
    StreamStats
  >;
  return { total: 0, byStream, lastAt: null };
}

export class LiveStore {
  private stats: LiveStats = emptyStats();
  private readonly recent = new Map<RecentKey, RingBuffer<AnyLiveEvent>>();
  private readonly handlers = new Map<EventType, Set<(event: AnyLiveEvent) => void>>();
  private readonly statsListeners = new Set<Listener>();
  private readonly recentListeners = new Set<Listener>();
  private readonly resetListeners = new Set<(info: ResetInfo) => void>();
  private readonly helloListeners = new Set<(info: HelloInfo) => void>();
  private lastHello: HelloInfo | null = null;
  private newestId = 0;

  constructor(
    private readonly capacity = RECENT_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {
    for (const key of [...STREAMS, 'all'] as const) this.recent.set(key, new RingBuffer(capacity));
  }

  /** Records an event and hands it to its subscribers. A throwing subscriber never stops the others. */
  add(event: AnyLiveEvent): void {
    const at = this.now();
    const previous = this.stats.byStream[event.stream];
    this.stats = {
      total: this.stats.total + 1,
      byStream: { ...this.stats.byStream, [event.stream]: { count: previous.count + 1, lastAt: at } },
      lastAt: at,
    };
    if (event.id !== null && event.id > this.newestId) this.newestId = event.id;
    this.recent.get(event.stream)?.push(event);
    this.recent.get('all')?.push(event);
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        handler(event);
      } catch (error) {
        console.error(`[live] a ${event.type} subscriber failed:`, error);
      }
    }
    this.statsListeners.forEach((l) => l());
    this.recentListeners.forEach((l) => l());
  }

  hello(info: HelloInfo): void {
    this.lastHello = info;
    if (info.lastId > this.newestId) this.newestId = info.lastId;
    this.helloListeners.forEach((l) => l(info));
  }

  reset(info: ResetInfo): void {
    this.resetListeners.forEach((l) => l(info));
  }

  getStats = (): LiveStats => this.stats;

  /** Newest first; the same array until that list changes. */
  getRecent(key: RecentKey): readonly AnyLiveEvent[] {
    return this.recent.get(key)?.newestFirst() ?? [];
  }

  getHello = (): HelloInfo | null => this.lastHello;

  /**
   * The newest durable event id the stream has reached (from a `hello` or an event), 0 before any:
   * a view rendered by the server at id N that mounts when this is past N has missed events.
   */
  newestEventId = (): number => this.newestId;

  /** Calls `handler` for each event of the given type(s). Returns the unsubscribe function. */
  subscribe<T extends EventType>(
    types: T | readonly T[],
    handler: (event: LiveEvent<T>) => void,
  ): () => void {
    const list = (Array.isArray(types) ? types : [types]) as T[];
    const wrapped = handler as (event: AnyLiveEvent) => void;
    for (const type of list) {
      if (!EVENT_TYPE_NAMES.includes(type)) throw new Error(`Unknown event type "${type}"`);
      let set = this.handlers.get(type);
      if (!set) this.handlers.set(type, (set = new Set()));
      set.add(wrapped);
    }
    return () => list.forEach((type) => this.handlers.get(type)?.delete(wrapped));
  }

  subscribeStats = (listener: Listener) => add(this.statsListeners, listener);
  subscribeRecent = (listener: Listener) => add(this.recentListeners, listener);
  /** The resume point was lost: the listener should reload its state (snapshot or REST). */
  onReset = (listener: (info: ResetInfo) => void) => add(this.resetListeners, listener);
  onHello = (listener: (info: HelloInfo) => void) => add(this.helloListeners, listener);
}

function add<T>(set: Set<T>, item: T): () => void {
  set.add(item);
  return () => set.delete(item);
}
