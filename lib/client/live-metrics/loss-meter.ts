/**
 * Sample loss from sequence numbers (u32, +1 per sample the server made for this connection). A gap
 * counts as lost; a sample that arrives late, after a later one, is taken back out of the lost count
 * (datagrams may be reordered) and counted as reordered. Reset on every new connection.
 */
export class LossMeter {
  received = 0;
  lost = 0;
  reordered = 0;
  private highest: number | null = null;

  /** Records one sample's sequence number. */
  record(seq: number): void {
    this.received++;
    if (this.highest === null) {
      this.highest = seq;
      return;
    }
    // Distance forward from the highest seen, modulo 2^32 (the sequence wraps after ~2 years at 60 Hz).
    const ahead = (seq - this.highest) >>> 0;
    if (ahead === 0) {
      this.received--; // a duplicate: not a new sample
    } else if (ahead < 0x8000_0000) {
      this.lost += ahead - 1;
      this.highest = seq;
    } else if (this.lost > 0) {
      this.lost--;
      this.reordered++;
    }
  }

  /** Lost ÷ (received + lost), 0 before anything arrived. */
  get ratio(): number {
    const expected = this.received + this.lost;
    return expected === 0 ? 0 : this.lost / expected;
  }

  reset(): void {
    this.received = 0;
    this.lost = 0;
    this.reordered = 0;
    this.highest = null;
  }
}

/** Round-trip times of the last pings, in ms; the median is what the panel shows. */
export class RttMeter {
  private readonly samples: number[] = [];
  last: number | null = null;

  constructor(private readonly keep = 30) {}

  record(ms: number): void {
    this.last = ms;
    this.samples.push(ms);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  get median(): number | null {
    if (this.samples.length === 0) return null;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  reset(): void {
    this.samples.length = 0;
    this.last = null;
  }
}
