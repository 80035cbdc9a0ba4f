import 'server-only';
import client from 'prom-client';
import { getMetrics } from '../metrics';
import { processWide } from '../process-wide';

/** Prometheus series of the sensor pipeline, in the process-wide registry beside the transport ones. */
export function sensorMetrics() {
  return processWide('sensor-metrics', () => {
    const { registry } = getMetrics();
    return {
      readings: new client.Counter({
        name: 'signalboard_sensor_readings_total',
        help: 'Sensor readings written to the store (one per number in a message).',
        registers: [registry],
      }),
      rejected: new client.Counter({
        name: 'signalboard_sensor_rejected_total',
        help: 'MQTT messages not stored, by reason.',
        labelNames: ['reason'] as const,
        registers: [registry],
      }),
    };
  });
}
