import 'server-only';
import { processWide } from '../process-wide';

export interface DeviceChange {
  deviceId: string;
  /** `rotated`: the password changed; `revoked`: the device may no longer connect. */
  kind: 'rotated' | 'revoked';
}

type Listener = (change: DeviceChange) => void;

/**
 * Credential changes made by the API, heard by the broker, which disconnects the sessions opened
 * with the old credentials. Route handlers never import the broker; both meet here, process-wide.
 */
class DeviceChanges {
  private readonly listeners = new Set<Listener>();

  emit(change: DeviceChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('[devices] a change listener failed:', error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function deviceChanges(): DeviceChanges {
  return processWide('device-changes', () => new DeviceChanges());
}
