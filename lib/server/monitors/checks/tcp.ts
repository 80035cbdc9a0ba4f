import 'server-only';
import net from 'node:net';
import type { TcpDefinition } from '../definition';
import type { CheckResult } from '../types';
import { describeError, timeoutMessage } from './errors';

/** Opens a TCP connection and closes it at once: up when the port accepts within the timeout. */
export function checkTcp(d: TcpDefinition, timeoutMs: number, signal?: AbortSignal): Promise<CheckResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host: d.host, port: d.port });
    let settled = false;
    const finish = (result: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, latencyMs: null, message: 'Check cancelled' });
    const timer = setTimeout(() => finish({ ok: false, latencyMs: null, message: timeoutMessage(timeoutMs, 'connecting') }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () =>
      finish({ ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, message: `Port ${d.port} open` }),
    );
    socket.once('error', (error) => finish({ ok: false, latencyMs: null, message: describeError(error) }));
  });
}
