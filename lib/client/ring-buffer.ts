/**
 * A fixed-capacity buffer that keeps the newest items: pushing past the capacity drops the oldest.
 * Live lists use it so that a tab left open for days holds the same memory as one opened a minute ago.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;
  private cachedNewestFirst: readonly T[] | null = null;
  /** Grows on every push; cheap change detection for React's useSyncExternalStore. */
  version = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.version++;
    this.cachedNewestFirst = null;
  }

  /** The items, newest first. The same array is returned until the next push (stable for React). */
  newestFirst(): readonly T[] {
    if (this.cachedNewestFirst) return this.cachedNewestFirst;
    const out: T[] = [];
    for (let i = 1; i <= this.count; i++) {
      out.push(this.items[(this.next - i + this.capacity) % this.capacity] as T);
    }
    this.cachedNewestFirst = out;
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
    this.count = 0;
    this.version++;
    this.cachedNewestFirst = null;
  }
}
