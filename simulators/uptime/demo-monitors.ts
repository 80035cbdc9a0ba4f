import type { MonitorDefinitionInput } from '../../lib/server/monitors/definition';

/** Where the flaky services listen, for the demo monitors' definitions. */
export interface DemoPorts {
  shop: number;
  payments: number;
  cache: number;
  dns: number;
}

export const DEMO_HOST = 'status.demo.internal';

/** The monitors the simulator registers when there are none: one of each kind, most of them public. */
export function demoMonitors(p: DemoPorts): MonitorDefinitionInput[] {
  return [
    {
      name: 'Shop API',
      type: 'http',
      url: `http://127.0.0.1:${p.shop}/health`,
      intervalSeconds: 15,
      timeoutSeconds: 2,
      retries: 1,
      retryIntervalSeconds: 5,
      jsonPath: '$.status',
      expectedValue: 'ok',
      public: true,
    },
    {
      name: 'Payments (TLS)',
      type: 'http',
      url: `https://127.0.0.1:${p.payments}/`,
      intervalSeconds: 20,
      timeoutSeconds: 3,
      retries: 0,
      ignoreTlsErrors: true,
      tlsExpiryWarningDays: 14,
      public: true,
    },
    { name: 'Cache (TCP)', type: 'tcp', host: '127.0.0.1', port: p.cache, intervalSeconds: 10, timeoutSeconds: 2, retries: 1, public: true },
    {
      name: 'Status DNS',
      type: 'dns',
      host: DEMO_HOST,
      recordType: 'A',
      expected: '10.0.0.7',
      resolver: `127.0.0.1:${p.dns}`,
      intervalSeconds: 30,
      timeoutSeconds: 2,
      public: false,
    },
    { name: 'Nightly backup (push)', type: 'push', intervalSeconds: 20, timeoutSeconds: 10, retries: 0, public: false },
  ];
}
