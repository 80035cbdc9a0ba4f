'use client';

import { useSyncExternalStore } from 'react';
import { useLiveConnection } from '@/lib/client/use-live-events';
import { LiveIndicator } from '../live/live-indicator';

interface BrokerSnapshot {
  state?: string;
  clients?: number;
  listeners?: { address: string }[];
}

/** The broker's state from the event stream's `hello` snapshot (sensors part). */
export function BrokerHello() {
  const { store } = useLiveConnection();
  const hello = useSyncExternalStore(store.onHello, store.getHello, () => null);
  const broker = (hello?.snapshot.sensors as { broker?: BrokerSnapshot } | undefined)?.broker;
  const addresses = broker?.listeners?.map((l) => l.address).join(', ') ?? 'mqtt://:1883, /mqtt';
  if (!broker)
    return (
      <LiveIndicator
        label="MQTT"
        state={{ kind: 'not-running', note: 'broker state unknown' }}
        title={addresses}
      />
    );
  const up = broker.state === 'up';
  return (
    <LiveIndicator
      label="MQTT"
      state={{
        kind: 'not-running',
        note: up ? `broker up · ${broker.clients ?? 0} clients` : `broker ${broker.state ?? 'down'}`,
      }}
      title={`Devices connect to ${addresses}; the explorer on the Sensors page subscribes from this browser`}
    />
  );
}
