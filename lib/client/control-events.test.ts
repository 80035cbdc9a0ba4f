import { describe, expect, it } from 'vitest';
import { parseHello, parseReset } from './control-events';

describe('control events', () => {
  it('parses a hello', () => {
    const raw = JSON.stringify({
      version: '0.1.0',
      serverTime: 5,
      streams: ['logs'],
      lastId: 9,
      resumedFrom: null,
      snapshot: {},
    });
    expect(parseHello(raw)).toEqual({
      version: '0.1.0',
      serverTime: 5,
      streams: ['logs'],
      lastId: 9,
      resumedFrom: null,
      snapshot: {},
    });
  });

  it('keeps a hello with odd fields, with neutral values', () => {
    expect(parseHello(JSON.stringify({ lastId: 'x' }))?.lastId).toBe(0);
    expect(parseHello('not json')).toBeNull();
  });

  it('parses a reset and refuses a malformed one', () => {
    expect(parseReset('{"lastId":12}')).toEqual({ lastId: 12 });
    expect(parseReset('{}')).toBeNull();
  });
});
