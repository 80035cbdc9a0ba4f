import { describe, expect, it } from 'vitest';
import { SseParser, encodeSse, encodeSseComment } from './sse-frame';

describe('encodeSse', () => {
  it('writes id, event and data fields and ends with a blank line', () => {
    expect(encodeSse({ id: 7, event: 'deploy-start', data: '{"a":1}' })).toBe(
      'id: 7\nevent: deploy-start\ndata: {"a":1}\n\n',
    );
  });

  it('splits multi-line data into one data field per line', () => {
    expect(encodeSse({ data: 'one\ntwo\r\nthree' })).toBe('data: one\ndata: two\ndata: three\n\n');
  });

  it('cannot be tricked into extra fields by line breaks in id or event', () => {
    const frame = encodeSse({ id: '1\nevent: evil', event: 'x\ndata: y', data: 'z' });
    const messages = new SseParser().push(frame);
    expect(messages).toEqual([{ event: 'xdata: y', data: 'z', id: '1event: evil' }]);
  });
});

describe('SseParser', () => {
  it('parses messages split across arbitrary chunk boundaries', () => {
    const text =
      encodeSse({ id: 1, event: 'a', data: 'x' }) +
      encodeSseComment('ping') +
      encodeSse({ id: 2, event: 'b', data: 'y\nz' });
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const out = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))];
      expect(out).toEqual([
        { event: 'a', data: 'x', id: '1' },
        { event: 'b', data: 'y\nz', id: '2' },
      ]);
      expect(parser.lastEventId).toBe('2');
    }
  });

  it('accepts CR and CRLF line endings, a BOM and a missing space after the colon', () => {
    const parser = new SseParser();
    const out = parser.push('\uFEFFevent:e\r\ndata:1\r\rdata: 2\r\n\r\n');
    expect(out).toEqual([
      { event: 'e', data: '1' },
      { event: 'message', data: '2' },
    ]);
  });

  it('keeps the retry hint and ignores messages with no data', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 3000\n\n')).toEqual([]);
    expect(parser.push('retry: 10\ndata: a\n\n')).toEqual([{ event: 'message', data: 'a', retry: 10 }]);
  });
});
