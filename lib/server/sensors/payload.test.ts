import { describe, expect, it } from 'vitest';
import { parseReading } from './payload';

const NOW = 1_764_000_000_000;
const DAY = 24 * 3_600_000;
const parse = (topic: string, text: string, prefix?: string) =>
  parseReading(topic, Buffer.from(text), NOW, DAY, prefix);

describe('parseReading', () => {
  it('reads a JSON object of named numbers, with a timestamp in seconds or milliseconds', () => {
    expect(parse('sensors/a/f/r', '{"temperature": 21.4, "humidity": 40, "timestamp": 1764000000}')).toEqual({
      ok: true,
      reading: {
        location: 'sensors/a/f/r',
        values: { temperature: 21.4, humidity: 40 },
        time: 1_764_000_000_000,
      },
    });
    const ms = parse('sensors/a/f/r', '{"co2": 600, "ts": 1763999999000}');
    expect(ms.ok === true && ms.reading.time).toBe(1_763_999_999_000);
  });

  it('reads a bare number on a metric topic, and on the device topic itself as "value"', () => {
    expect(parse('sensors/a/f/r/temperature', ' 21.5\n')).toMatchObject({
      ok: true,
      reading: { location: 'sensors/a/f/r', values: { temperature: 21.5 } },
    });
    expect(parse('sensors/a/f/r', '7', 'sensors/a/f/r')).toMatchObject({
      ok: true,
      reading: { values: { value: 7 } },
    });
  });

  it('rejects garbage with a reason that names the problem', () => {
    expect(parse('sensors/a/f/r', 'hello')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(parse('sensors/a/f/r', '[1,2]')).toMatchObject({ ok: false, reason: 'not-object' });
    expect(parse('sensors/a/f/r', '{"temperature": "warm"}')).toMatchObject({
      ok: false,
      reason: 'non-numeric',
      detail: expect.stringContaining('temperature') as unknown,
    });
    expect(parse('sensors/a/f/r', '{"t": null}')).toMatchObject({ ok: false, reason: 'non-numeric' });
    expect(parse('sensors/a/f/r', '{}')).toMatchObject({ ok: false, reason: 'no-values' });
    expect(parse('sensors/a/f/r', '{"bad key": 1}')).toMatchObject({ ok: false, reason: 'bad-field-name' });
    expect(parse('sensors/a/f/r', '{"t": 1, "timestamp": "yesterday"}')).toMatchObject({
      ok: false,
      reason: 'bad-timestamp',
    });
    expect(parse('sensors/a/f/r', `{"t": 1, "timestamp": ${NOW / 1000 + 3600}}`)).toMatchObject({
      ok: false,
      reason: 'timestamp-future',
    });
    expect(parse('sensors/a/f/r', `{"t": 1, "timestamp": ${NOW / 1000 - 3 * 86400}}`)).toMatchObject({
      ok: false,
      reason: 'timestamp-too-old',
    });
    expect(parse('sensors/a/f/r/9lives', '3')).toMatchObject({ ok: false, reason: 'bad-metric-topic' });
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}`, i])));
    expect(parse('sensors/a/f/r', many)).toMatchObject({ ok: false, reason: 'too-many-fields' });
  });

  it('treats status topics and empty payloads apart', () => {
    expect(parse('sensors/a/f/r/status', 'offline')).toEqual({ ok: 'status', online: false });
    expect(parse('sensors/a/f/r/status', '{"online": true}')).toEqual({ ok: 'status', online: true });
    expect(parseReading('sensors/a/f/r', Buffer.alloc(0), NOW, DAY)).toEqual({ ok: 'ignored' });
  });
});
