import { describe, expect, it } from 'vitest';
import { STREAMS } from '../../events';
import { parseSseParams } from './params';

const q = (s: string) => new URLSearchParams(s);

describe('parseSseParams', () => {
  it('serves every readable stream when none is named', () => {
    expect(parseSseParams(q(''), undefined)).toEqual({ ok: true, streams: [...STREAMS], lastEventId: null });
  });

  it('reads a comma-separated list, trimming and dropping duplicates', () => {
    expect(parseSseParams(q('streams=deploys, logs,deploys'), undefined)).toMatchObject({
      ok: true,
      streams: ['deploys', 'logs'],
    });
  });

  it('refuses unknown stream names and lists the valid ones', () => {
    const result = parseSseParams(q('streams=deploys,bogus'), undefined);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toBe(
      'Unknown stream "bogus". Valid streams: deploys, logs, monitors, sensors, chat, metrics.',
    );
  });

  it('takes the resume point from the header first, then the query', () => {
    expect(parseSseParams(q('lastEventId=5'), '9')).toMatchObject({ lastEventId: 9 });
    expect(parseSseParams(q('lastEventId=5'), undefined)).toMatchObject({ lastEventId: 5 });
    expect(parseSseParams(q('lastEventId=5'), '')).toMatchObject({ lastEventId: 5 });
  });

  it.each(['abc', '-1', '1.5', '1e3', '9999999999999999'])('refuses the malformed id %s', (id) => {
    expect(parseSseParams(q(''), id)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses streams the user may not read', () => {
    expect(parseSseParams(q('streams=chat'), undefined, ['deploys'])).toMatchObject({
      ok: false,
      status: 400,
    });
  });
});

describe('parseSseParams with the logs stream', () => {
  it('adds the logs filter and limit only when asked for', () => {
    const result = parseSseParams(q('streams=logs&container=web&logRate=all'), undefined);
    expect(result).toMatchObject({ ok: true, streams: ['logs'], limits: { logs: null } });
    expect(result.ok && typeof result.filters?.logs).toBe('function');
    expect(parseSseParams(q('streams=logs'), undefined)).toEqual({ ok: true, streams: ['logs'], lastEventId: null });
  });

  it('refuses an invalid pattern with the reason, for the logs stream only', () => {
    const result = parseSseParams(q('streams=logs&q=(a'), undefined);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(/^q is not a valid regular expression: /);
    expect(parseSseParams(q('streams=deploys&q=(a'), undefined)).toMatchObject({ ok: true });
  });
});
