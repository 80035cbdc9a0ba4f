/**
 * A log that a flood cannot turn into a flood of lines: each key logs at most once per window, and
 * the next line says how many were held back. Random bytes from a scanner or a misbehaving fleet
 * stay visible without filling the disk.
 */
export class ThrottledLog {
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly prefix: string,
    private readonly windowMs = 10_000,
  ) {}

  warn(key: string, message: string, now = Date.now()): void {
    const entry = this.last.get(key);
    if (entry && now - entry.at < this.windowMs) {
      entry.held++;
      return;
    }
    const held = entry?.held ? ` (${entry.held} more like this held back)` : '';
    console.warn(`${this.prefix} ${message}${held}`);
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, { at: now, held: 0 });
  }
}
