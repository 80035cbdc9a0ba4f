/**
 * What the simulated CI runs: five stages with demo durations of a few seconds each (real pipelines
 * take minutes; the dashboard should move while someone watches), the steps GitHub would list inside
 * each job, and the kind of failure each stage ends with when it breaks.
 */
export const STAGE_NAMES = ['build', 'test', 'push', 'deploy', 'verify'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface Stage {
  name: StageName;
  /** Typical duration in demo mode, ms; each run varies it by ±30 %. */
  ms: number;
  /** Share of failing pipelines that break here. */
  failureWeight: number;
  /** The steps of the matching GitHub job, in order. */
  steps: readonly string[];
  /** What the runner prints when the stage starts. */
  startMessage: string;
  failures: readonly string[];
}

export const STAGES: readonly Stage[] = [
  {
    name: 'build',
    ms: 4000,
    failureWeight: 0.1,
    steps: ['Set up job', 'Checkout', 'Install dependencies', 'Build image'],
    startMessage: 'docker build --target production .',
    failures: [
      'TS2345: 2 type errors in src/orders/service.ts',
      'npm ERR! network timeout fetching @types/node',
    ],
  },
  {
    name: 'test',
    ms: 6000,
    failureWeight: 0.4,
    steps: ['Set up job', 'Checkout', 'Unit tests', 'Integration tests'],
    startMessage: 'running 412 tests on 4 workers',
    failures: [
      '3 of 412 tests failed (orders.spec.ts, refunds.spec.ts)',
      'integration tests timed out after 600 s',
    ],
  },
  {
    name: 'push',
    ms: 2000,
    failureWeight: 0.05,
    steps: ['Set up job', 'Log in to registry', 'Push image'],
    startMessage: 'pushing image to registry.example.com',
    failures: ['registry.example.com answered 503 Service Unavailable'],
  },
  {
    name: 'deploy',
    ms: 5000,
    failureWeight: 0.25,
    steps: ['Set up job', 'Render manifests', 'Roll out', 'Wait for rollout'],
    startMessage: 'rolling out 4 replicas',
    failures: ['rollout stalled: 1 of 4 pods in CrashLoopBackOff', 'helm upgrade timed out after 300 s'],
  },
  {
    name: 'verify',
    ms: 3000,
    failureWeight: 0.2,
    steps: ['Set up job', 'Smoke tests', 'Check error rate'],
    startMessage: 'smoke tests and error budget check',
    failures: ['smoke test GET /healthz answered 502', 'error rate 4.2 % is above the 1 % budget'],
  },
];

export const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.min(items.length - 1, Math.floor(random() * items.length))]!;

/** The stage a failing pipeline breaks at, weighted as failures spread in real pipelines. */
export function pickFailingStage(random: () => number): StageName {
  let roll = random() * STAGES.reduce((sum, s) => sum + s.failureWeight, 0);
  for (const stage of STAGES) {
    roll -= stage.failureWeight;
    if (roll < 0) return stage.name;
  }
  return 'test';
}

export const ACTORS = ['amara', 'bjorn', 'chen', 'dana', 'emeka', 'farah', 'release-bot'] as const;
