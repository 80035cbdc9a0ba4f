/**
 * Sensor signals that look like a building's: a daily cycle (warmest mid-afternoon), slow drift,
 * noise, and the odd spike. Deterministic per seed so a device keeps its character across restarts.
 */

/** mulberry32: a small, fast seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string's 32-bit FNV-1a hash, to seed a device from its id. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface MetricProfile {
  /** Mean over a day. */
  base: number;
  /** Half the day-night swing. */
  amplitude: number;
  /** Hour of the daily peak (local time of the simulator). */
  peakHour: number;
  /** Standard deviation of the noise. */
  noise: number;
  /** Size of a spike when one happens (signed at random). */
  spike: number;
  /** Decimals kept. */
  decimals: number;
  min?: number;
  max?: number;
}

export const PROFILES = {
  temperature: { base: 21.5, amplitude: 1.8, peakHour: 15, noise: 0.12, spike: 6, decimals: 2 },
  humidity: { base: 45, amplitude: 6, peakHour: 5, noise: 0.6, spike: 15, decimals: 1, min: 5, max: 100 },
  co2: { base: 650, amplitude: 220, peakHour: 14, noise: 18, spike: 700, decimals: 0, min: 380 },
  soil_moisture: {
    base: 38,
    amplitude: 4,
    peakHour: 7,
    noise: 0.4,
    spike: 10,
    decimals: 1,
    min: 0,
    max: 100,
  },
  light: { base: 9_000, amplitude: 9_000, peakHour: 13, noise: 250, spike: 5_000, decimals: 0, min: 0 },
} as const satisfies Record<string, MetricProfile>;

export type MetricName = keyof typeof PROFILES;

const DAY_MS = 24 * 3_600_000;

/** A normal deviate from two uniforms (Box–Muller). */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** One metric of one device: call `next(time)` for each reading. */
export class Signal {
  private drift = 0;

  constructor(
    private readonly profile: MetricProfile,
    private readonly random: () => number,
    /** A per-device offset so rooms differ. */
    private readonly offset: number,
    /** Chance of a spike per reading. */
    private readonly spikeChance = 0.01,
  ) {}

  next(time: number): number {
    const p = this.profile;
    const local = new Date(time);
    const hours = local.getHours() + local.getMinutes() / 60 + local.getSeconds() / 3600;
    const cycle = p.amplitude * Math.cos((2 * Math.PI * (hours - p.peakHour)) / 24);
    // A bounded random walk: slow changes (a door left open, the sun on one side).
    this.drift = 0.995 * this.drift + gaussian(this.random) * p.noise * 0.3;
    let value = p.base + this.offset + cycle + this.drift + gaussian(this.random) * p.noise;
    if (this.random() < this.spikeChance)
      value += (this.random() < 0.5 ? -1 : 1) * p.spike * (0.5 + this.random());
    if (p.min !== undefined) value = Math.max(p.min, value);
    if (p.max !== undefined) value = Math.min(p.max, value);
    const scale = 10 ** p.decimals;
    return Math.round(value * scale) / scale;
  }
}

export { DAY_MS };
