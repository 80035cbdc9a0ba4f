import 'server-only';
import { getBus } from '../bus';
import { processWide } from '../process-wide';
import { SseHub } from './hub';

export { SseHub } from './hub';

/** The process-wide hub that serves /api/events. */
export function getSseHub(): SseHub {
  return processWide('sse-hub', () => new SseHub(getBus()));
}
