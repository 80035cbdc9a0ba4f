import { describe, expect, it } from 'vitest';
import { dockerTarget } from './host';
import { LineSplitter, MAX_PARTIAL_CHARS } from './line-splitter';
import { nsToMs, parseDockerTimestamp, sinceParam } from './timestamps';

describe('dockerTarget', () => {
  it('reads the forms of DOCKER_HOST', () => {
    expect(dockerTarget(undefined)).toMatchObject({
      ok: true,
      options: { socketPath: '/var/run/docker.sock' },
    });
    expect(dockerTarget('unix:///tmp/d/docker.sock')).toMatchObject({
      ok: true,
      options: { socketPath: '/tmp/d/docker.sock' },
    });
    expect(dockerTarget('tcp://10.0.0.5:2375')).toMatchObject({
      ok: true,
      options: { host: '10.0.0.5', port: 2375, protocol: 'http' },
    });
    expect(dockerTarget('ssh://me@box')).toMatchObject({ ok: false });
    expect(dockerTarget('unix://relative.sock')).toMatchObject({ ok: false });
  });
});

describe('docker timestamps', () => {
  it('keeps nanoseconds exactly and gives ms and the since parameter', () => {
    const ns = parseDockerTimestamp('2026-11-25T10:33:49.844244123Z')!;
    expect(ns).toBe(1795602829844244123n);
    expect(nsToMs(ns)).toBe(1795602829844);
    expect(sinceParam(ns)).toBe('1795602829.844244123');
    expect(parseDockerTimestamp('2026-11-25T10:33:49.8Z')).toBe(1795602829800000000n);
    expect(parseDockerTimestamp('2026-11-25T10:33:49Z')).toBe(1795602829000000000n);
    expect(parseDockerTimestamp('2026-11-25T11:33:49.5+01:00')).toBe(1795602829500000000n);
    expect(parseDockerTimestamp('yesterday')).toBeNull();
  });
});

describe('LineSplitter', () => {
  it('splits across chunks, drops CR before LF and decodes UTF-8 split mid-character', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    const euro = Buffer.from('€');
    splitter.write(Buffer.from('one\r\ntw'));
    splitter.write(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)]));
    splitter.write(Buffer.concat([euro.subarray(1), Buffer.from('\nthree')]));
    splitter.end();
    expect(lines).toEqual(['one', 'two €', 'three']);
  });

  it('hands over a line that never ends in bounded parts', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    splitter.write(Buffer.from('x'.repeat(MAX_PARTIAL_CHARS * 2 + 5)));
    expect(lines).toHaveLength(2);
    splitter.end();
    expect(lines[2]).toBe('xxxxx');
  });
});
