import {
  bytesCell,
  connectionsCell,
  deliveryCell,
  lossCell,
  rateCell,
  roundTripCell,
  type Cell,
} from '@/lib/client/transports/cells';
import type { TransportFacts } from '@/lib/transports/comparison';
import type { TransportFigures } from '@/lib/transports/report';

/** A row of the comparison: the protocol's nature (static) or a figure measured on this server. */
export type ComparisonRow =
  | { id: string; label: string; kind: 'fact'; fact: (facts: TransportFacts) => string }
  | {
      id: string;
      label: string;
      kind: 'measured';
      cell: (figures: TransportFigures, windowSeconds: number) => Cell;
    };

export const FACT_ROWS: ComparisonRow[] = [
  { id: 'direction', label: 'Direction', kind: 'fact', fact: (f) => f.direction },
  { id: 'transport', label: 'Runs over', kind: 'fact', fact: (f) => f.transport },
  { id: 'binary', label: 'Binary data', kind: 'fact', fact: (f) => f.binary },
  { id: 'reconnect', label: 'Reconnect', kind: 'fact', fact: (f) => f.reconnect },
  { id: 'multiplexing', label: 'Multiplexing', kind: 'fact', fact: (f) => f.multiplexing },
  { id: 'unreliable', label: 'Unreliable delivery', kind: 'fact', fact: (f) => f.unreliable },
  { id: 'overhead', label: 'Overhead per message', kind: 'fact', fact: (f) => f.overhead },
  { id: 'best-use', label: 'Best use', kind: 'fact', fact: (f) => f.bestUse },
  { id: 'here', label: 'Carries here', kind: 'fact', fact: (f) => f.here },
];

export const MEASURED_ROWS: ComparisonRow[] = [
  { id: 'connections', label: 'Connections', kind: 'measured', cell: (f) => connectionsCell(f) },
  { id: 'rate', label: 'Messages per second', kind: 'measured', cell: (f) => rateCell(f) },
  { id: 'bytes', label: 'Bytes on the wire per message', kind: 'measured', cell: bytesCell },
  { id: 'delivery', label: 'Delivery in the server (p50 · p99)', kind: 'measured', cell: deliveryCell },
  { id: 'round-trip', label: 'Round trip (p50 · p99)', kind: 'measured', cell: roundTripCell },
  { id: 'loss', label: 'Loss', kind: 'measured', cell: lossCell },
];
