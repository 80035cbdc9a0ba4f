import 'server-only';
import type { LogLevel, LogLine } from './types';

/** A bounded ring of one container's newest lines. */
class Ring {
  private readonly items: (LogLine | undefined)[];
  private next = 0;
  size = 0;

  constructor(private readonly capacity: number) {
    this.items = new Array<LogLine | undefined>(capacity);
  }

  push(line: LogLine): void {
    this.items[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** The i-th newest line (0 = newest). */
  newest(i: number): LogLine | undefined {
    if (i >= this.size) return undefined;
    return this.items[(this.next - 1 - i + this.capacity * 2) % this.capacity];
  }
}

/**
 * The newest lines of each container, in memory and bounded per container: the first paint of a
 * live tail comes from here without touching the store.
 */
export class RecentLines {
  private readonly rings = new Map<string, Ring>();

  constructor(private readonly perContainer: number) {}

  add(lines: readonly LogLine[]): void {
    for (const line of lines) {
      let ring = this.rings.get(line.container);
      if (!ring) this.rings.set(line.container, (ring = new Ring(this.perContainer)));
      ring.push(line);
    }
  }

  /**
   * Up to `limit` newest lines of the named containers (all when null), merged by id, oldest first,
   * optionally only of some levels.
   */
  tail(names: readonly string[] | null, limit: number, levels?: readonly LogLevel[] | null): LogLine[] {
    const wanted = levels?.length ? new Set(levels) : null;
    const rings = (names ?? [...this.rings.keys()])
      .map((name) => this.rings.get(name))
      .filter((ring): ring is Ring => ring !== undefined);
    const positions = rings.map(() => 0);
    const out: LogLine[] = [];
    // k-way merge from the newest end.
    while (out.length < limit) {
      let best = -1;
      let bestLine: LogLine | undefined;
      for (let r = 0; r < rings.length; r++) {
        const candidate = rings[r]!.newest(positions[r]!);
        if (candidate && (!bestLine || candidate.id > bestLine.id)) {
          best = r;
          bestLine = candidate;
        }
      }
      if (!bestLine) break;
      positions[best]!++;
      if (!wanted || wanted.has(bestLine.level)) out.push(bestLine);
    }
    return out.reverse();
  }
}
