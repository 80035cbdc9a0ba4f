'use client';

import { useSyncExternalStore } from 'react';
import { currentExplorerState, subscribeCurrentExplorer } from '@/lib/client/sensors/mqtt-explorer';
import { BrokerHello } from './broker-hello';
import { LiveIndicator } from '../live/live-indicator';
import { explorerTransportState } from './mqtt-state';

/**
 * The shell's MQTT indicator. While the explorer is open in this tab it shows that connection
 * (MQTT over WebSocket); otherwise the broker's own state, as the server last reported it.
 */
export function MqttIndicator() {
  const state = useSyncExternalStore(subscribeCurrentExplorer, currentExplorerState, () => null);
  if (state !== null) {
    return (
      <LiveIndicator
        label="MQTT"
        state={explorerTransportState(state)}
        title="The explorer's MQTT-over-WebSocket connection (/mqtt)"
      />
    );
  }
  return <BrokerHello />;
}
