import 'server-only';
import type { Redis } from 'ioredis';

export interface LeaseOptions {
  /** How long the lease lives without a renewal: a dead holder's lease is free after this. */
  ttlMs: number;
  /** The holder renews this often (well before the TTL runs out). */
  renewMs: number;
  /** Others try to take it this often. */
  tryMs: number;
}

export const DEFAULT_LEASE_OPTIONS: LeaseOptions = { ttlMs: 6_000, renewMs: 2_000, tryMs: 1_000 };

/** Renews only when the key still holds our value (another instance may have it after a pause). */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes only when the key still holds our value. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lease in Redis that one instance holds at a time: SET key value NX PX ttl to take it, a
 * compare-and-renew script to keep it, a compare-and-delete script to give it back on shutdown. The
 * holder that cannot renew (Redis away) stops counting itself the holder once the TTL it last set
 * has run out, which is when another instance may take it: never two holders by the clock of this
 * process, assuming clocks run at the same rate.
 */
export class Lease {
  private held = false;
  private validUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    readonly holderId: string,
    private readonly onChange: (held: boolean) => void,
    private readonly options: LeaseOptions = DEFAULT_LEASE_OPTIONS,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    void this.step();
  }

  /** The instance holding the lease now, as Redis says (null: nobody, or Redis away). */
  async holder(): Promise<string | null> {
    try {
      return await this.redis.get(this.key);
    } catch {
      return null;
    }
  }

  /** Gives the lease back (on shutdown) so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.held) {
      this.set(false);
      await this.timed(this.redis.eval(RELEASE, 1, this.key, this.holderId)).catch(() => undefined);
    }
  }

  private async step(): Promise<void> {
    if (this.stopped || this.busy) return;
    this.busy = true;
    const startedAt = Date.now();
    try {
      if (this.held) {
        const renewed = Number(
          await this.timed(this.redis.eval(RENEW, 1, this.key, this.holderId, this.options.ttlMs)),
        );
        if (renewed === 1) this.validUntil = startedAt + this.options.ttlMs;
        else this.set(false);
      } else {
        const taken = await this.timed(
          this.redis.set(this.key, this.holderId, 'PX', this.options.ttlMs, 'NX'),
        );
        // Ours already when an earlier SET went through after its timeout.
        const ours = taken === 'OK' || (await this.timed(this.redis.get(this.key))) === this.holderId;
        if (ours) {
          this.validUntil = startedAt + this.options.ttlMs;
          this.set(true);
        }
      }
    } catch {
      // Redis away: keep the lease only while the TTL we set last still runs.
      if (this.held && Date.now() >= this.validUntil - this.options.renewMs / 2) this.set(false);
    } finally {
      this.busy = false;
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.step(), this.held ? this.options.renewMs : this.options.tryMs);
    this.timer.unref();
  }

  /** A command that does not answer within half a renewal period counts as failed. */
  private timed<T>(command: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer')), this.options.renewMs / 2);
    });
    return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
  }

  private set(held: boolean): void {
    if (this.held === held) return;
    this.held = held;
    try {
      this.onChange(held);
    } catch (error) {
      console.error(`[cluster] lease ${this.key}: change handler failed:`, error);
    }
  }
}
