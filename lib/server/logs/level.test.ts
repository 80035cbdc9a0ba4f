import { describe, expect, it } from 'vitest';
import { detectLevel, levelFromWord } from './level';

describe('detectLevel', () => {
  it.each([
    ['{"level":"warn","msg":"slow query"}', 'warn'],
    ['{"level":50,"msg":"pino error"}', 'error'],
    ['{"lvl":"eror"}', 'unknown'],
    ['{"severity":"CRITICAL","message":"disk full"}', 'fatal'],
    ['{"log":{"level":"debug"},"message":"ecs"}', 'debug'],
    ['{"@mt":"User {Id} signed in","Id":4}', 'info'],
    ['{"@l":"Warning","@mt":"Retrying"}', 'warn'],
    ['time=2026-11-25T10:00:00Z level=error msg="connection refused"', 'error'],
    ['ts=1 lvl="info" msg=ok', 'info'],
    ['E1125 10:00:00.123456    1 controller.go:114] sync failed', 'error'],
    ['W1125 10:00:00.123456    1 reflector.go:424] watch closed', 'warn'],
    ['2026-11-25 10:00:00,123 ERROR [main] com.shop.Orders - payment failed', 'error'],
    ['[WARN] cache miss ratio above 40%', 'warn'],
    ['12:00:01 INFO  server listening on :8080', 'info'],
    ['2026/11/25 10:00:00 [error] 7#7: *1 connect() failed (111: Connection refused)', 'error'],
    ['2026-11-25 10:00:00.000 UTC [42] LOG:  checkpoint starting: time', 'info'],
    ['2026-11-25 10:00:00.000 UTC [42] FATAL:  password authentication failed', 'fatal'],
    ['2026-11-25 10:00:00.000 UTC [42] ERROR:  duplicate key value violates unique constraint', 'error'],
    ['Traceback (most recent call last):', 'error'],
    ['panic: runtime error: invalid memory address', 'fatal'],
    ['Error: connect ECONNREFUSED 10.0.0.7:5432', 'error'],
    ['TypeError: Cannot read properties of undefined', 'error'],
    ['java.lang.IllegalStateException: pool closed', 'error'],
    ['ConnectionResetError: [Errno 104] Connection reset by peer', 'error'],
    ['ErrorBoundary rendered fallback', 'unknown'],
    ['GET /health 200 1.2ms', 'unknown'],
    ['no error was found in the request', 'unknown'],
    ['ERR_CONNECTION_REFUSED while fetching', 'unknown'],
    ['INFORMATION_SCHEMA lookup', 'unknown'],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });

  it('ignores a level word far into the message', () => {
    expect(detectLevel(`${'x'.repeat(200)} ERROR`)).toBe('unknown');
  });

  it('maps level words of every common spelling', () => {
    expect(levelFromWord('Warning')).toBe('warn');
    expect(levelFromWord('EMERG')).toBe('fatal');
    expect(levelFromWord('nope')).toBeNull();
  });
});
