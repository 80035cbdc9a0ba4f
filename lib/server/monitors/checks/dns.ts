import 'server-only';
import { promises as dns } from 'node:dns';
import type { DnsDefinition } from '../definition';
import type { CheckResult } from '../types';
import { describeError, timeoutMessage } from './errors';

/** Answers of any record type as comparable strings ("10 mail.example" for MX). */
export function normaliseAnswers(recordType: DnsDefinition['recordType'], answers: unknown[]): string[] {
  return answers.map((a) => {
    if (typeof a === 'string') return a;
    if (Array.isArray(a)) return a.join('');
    const r = a as Record<string, unknown>;
    switch (recordType) {
      case 'MX':
        return `${String(r.priority)} ${String(r.exchange)}`;
      case 'SRV':
        return `${String(r.priority)} ${String(r.weight)} ${String(r.port)} ${String(r.name)}`;
      case 'CAA':
        return Object.entries(r)
          .filter(([k]) => k !== 'critical')
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(' ');
      default:
        return JSON.stringify(a);
    }
  });
}

const canonical = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

export function answerMatches(answers: readonly string[], expected: string): boolean {
  const want = canonical(expected);
  return answers.some((a) => canonical(a) === want || canonical(a).split(' ').at(-1) === want);
}

/**
 * Resolves one record type with its own Resolver (a timeout per query, one try, cancelled at the
 * deadline), optionally against a given server. Up when there is an answer and, if `expected` is
 * set, one of the answers is it.
 */
export async function checkDns(d: DnsDefinition, timeoutMs: number, signal?: AbortSignal): Promise<CheckResult> {
  const resolver = new dns.Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 });
  if (d.resolver) resolver.setServers([d.resolver]);
  const started = performance.now();
  let timedOut = false;
  const cancel = () => resolver.cancel();
  const timer = setTimeout(() => {
    timedOut = true;
    cancel();
  }, timeoutMs);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    const raw = (await resolver.resolve(d.host, d.recordType)) as unknown[];
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const answers = normaliseAnswers(d.recordType, raw);
    const shown = answers.slice(0, 4).join(', ') + (answers.length > 4 ? ', …' : '');
    if (answers.length === 0) return { ok: false, latencyMs, message: `No ${d.recordType} record for ${d.host}` };
    if (d.expected && !answerMatches(answers, d.expected)) {
      return { ok: false, latencyMs, message: `${d.recordType} ${d.host} → ${shown}; expected ${d.expected}` };
    }
    return { ok: true, latencyMs, message: `${d.recordType} ${d.host} → ${shown}` };
  } catch (error) {
    if (timedOut) return { ok: false, latencyMs: null, message: timeoutMessage(timeoutMs, 'DNS') };
    return { ok: false, latencyMs: null, message: `${describeError(error)} · ${d.recordType} ${d.host}` };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}
