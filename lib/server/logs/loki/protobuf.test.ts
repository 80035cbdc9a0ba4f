import { describe, expect, it } from 'vitest';
import { parseLokiProtobuf } from './parse';
import { decodePushRequest, parseLabels } from './protobuf';
import { snappyDecompress } from './snappy';

/** A minimal protobuf writer for building requests as Promtail does. */
const varint = (n: number) => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Buffer.from(out);
};
const field = (num: number, value: Buffer | number) =>
  typeof value === 'number'
    ? Buffer.concat([varint(num * 8), varint(value)])
    : Buffer.concat([varint(num * 8 + 2), varint(value.length), value]);

function pushRequest(streams: { labels: string; entries: [number, number, string][] }[]): Buffer {
  return Buffer.concat(
    streams.map((s) =>
      field(
        1,
        Buffer.concat([
          field(1, Buffer.from(s.labels)),
          ...s.entries.map(([sec, nanos, line]) =>
            field(
              2,
              Buffer.concat([
                field(1, Buffer.concat([field(1, sec), field(2, nanos)])),
                field(2, Buffer.from(line)),
              ]),
            ),
          ),
          field(3, 123456),
        ]),
      ),
    ),
  );
}

/** Snappy with literals only: valid input for any decoder. */
const literalSnappy = (data: Buffer) => {
  const parts: Buffer[] = [varint(data.length)];
  for (let at = 0; at < data.length; at += 60) {
    const chunk = data.subarray(at, at + 60);
    parts.push(Buffer.from([(chunk.length - 1) << 2]), chunk);
  }
  return Buffer.concat(parts);
};

describe('snappy', () => {
  it('expands literals and overlapping copies', () => {
    const input = Buffer.from([0x0c, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03]);
    expect(snappyDecompress(input, 100).toString()).toBe('abcabcabcabc');
    expect(snappyDecompress(literalSnappy(Buffer.from('x'.repeat(500))), 1000).toString()).toBe(
      'x'.repeat(500),
    );
  });

  it('refuses bad input and output past the limit', () => {
    expect(() => snappyDecompress(Buffer.from([0x05, 0x15, 0x03]), 100)).toThrow(/out of bounds/);
    expect(() => snappyDecompress(Buffer.from([0x0c, 0x08, 0x61]), 100)).toThrow();
    expect(() => snappyDecompress(varint(50_000_000), 1_000_000)).toThrow(/over the limit/);
  });
});

describe('Loki protobuf pushes', () => {
  it('decodes a PushRequest and maps its labels like the JSON form', () => {
    const body = literalSnappy(
      pushRequest([
        {
          labels: '{job="varlogs", container="nginx", level="error", filename="/var/log/a \\"b\\".log"}',
          entries: [
            [1764000000, 123456789, 'connect() failed'],
            [1764000001, 0, 'second'],
          ],
        },
      ]),
    );
    expect(parseLokiProtobuf(body, 1_000_000)).toEqual({
      ok: true,
      lines: [
        {
          source: 'push',
          container: 'nginx',
          stream: 'stdout',
          time: 1764000000123,
          line: 'connect() failed',
          level: 'error',
        },
        {
          source: 'push',
          container: 'nginx',
          stream: 'stdout',
          time: 1764000001000,
          line: 'second',
          level: 'error',
        },
      ],
    });
    expect(decodePushRequest(pushRequest([{ labels: '{}', entries: [] }]))).toEqual([
      { labels: '{}', entries: [] },
    ]);
  });

  it('reads Prometheus label notation', () => {
    expect(parseLabels('{job="a", path="C:\\\\x", empty=""}')).toEqual({
      job: 'a',
      path: 'C:\\x',
      empty: '',
    });
    expect(parseLabels('{}')).toEqual({});
    expect(parseLabels('job="a"')).toBeNull();
    expect(parseLabels('{job=a}')).toBeNull();
  });

  it('names what is wrong with a bad body', () => {
    expect(parseLokiProtobuf(Buffer.from('not snappy at all'), 1000)).toMatchObject({ ok: false });
    expect(parseLokiProtobuf(literalSnappy(Buffer.from([0x0a, 0x50])), 1000)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Body is not a valid Loki PushRequest/) as unknown,
    });
    expect(
      parseLokiProtobuf(literalSnappy(pushRequest([{ labels: 'nope', entries: [] }])), 1000),
    ).toMatchObject({
      ok: false,
      error: 'streams[0].labels: not in {name="value", …} form.',
    });
  });
});
