/**
 * The browser side of the monitor API: one small function per call, each returning a value for the
 * expected failures (field errors, 401, network down) instead of throwing.
 */
import type { MonitorSummary } from '@/lib/server/monitors/types';

export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; error: string; fields?: Record<string, string> };

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
    if (!res.ok) {
      const error = res.status === 401 ? 'Your session has ended: sign in again.' : (json.error ?? `The server answered ${res.status}.`);
      return { ok: false, status: res.status, error, ...(json.fields ? { fields: json.fields } : {}) };
    }
    return { ok: true, value: json as T };
  } catch {
    return { ok: false, status: 0, error: 'The server cannot be reached. Check the connection and try again.' };
  }
}

export const fetchMonitors = () => call<{ monitors: MonitorSummary[] }>('GET', '/api/monitors');
export const createMonitor = (input: Record<string, unknown>) => call<{ monitor: { id: number } }>('POST', '/api/monitors', input);
export const updateMonitor = (id: number, patch: Record<string, unknown>) =>
  call<{ monitor: { id: number; paused: boolean } }>('PATCH', `/api/monitors/${id}`, patch);
export const deleteMonitor = (id: number) => call<unknown>('DELETE', `/api/monitors/${id}`);
export const addIncidentNote = (incidentId: number, note: { text: string; public: boolean }) =>
  call<unknown>('POST', `/api/monitors/incidents/${incidentId}/notes`, note);
export const createMaintenance = (input: Record<string, unknown>) => call<unknown>('POST', '/api/monitors/maintenance', input);
export const endMaintenance = (id: number) => call<unknown>('DELETE', `/api/monitors/maintenance/${id}`);
export const createChannel = (input: Record<string, unknown>) => call<unknown>('POST', '/api/monitors/notifications', input);
export const deleteChannel = (id: number) => call<unknown>('DELETE', `/api/monitors/notifications/${id}`);
export const testChannel = (id: number) => call<{ detail: string }>('POST', `/api/monitors/notifications/${id}/test`);
export const fetchHistory = (id: number, range: string) =>
  call<{ points: { at: number; latencyMs: number | null; failed: boolean }[]; resolution: string }>('GET', `/api/monitors/${id}/history?range=${range}`);
