/**
 * Server-Sent Events framing (WHATWG HTML, "Server-sent events", §9.2.5–9.2.6): encoder for the server
 * and an incremental parser for tests, benchmarks and non-browser clients.
 */

export interface SseMessage {
  /** The `event:` field; "message" when absent. */
  event: string;
  data: string;
  /** The `id:` field of this message, when it had one. */
  id?: string;
  retry?: number;
}

/** Encodes one message. Data is split on line breaks so that each line gets its own `data:` field. */
export function encodeSse(message: {
  event?: string;
  data: string;
  id?: string | number;
  retry?: number;
}): string {
  let out = '';
  if (message.id !== undefined) out += `id: ${String(message.id).replace(/[\r\n\0]/g, '')}\n`;
  if (message.event) out += `event: ${message.event.replace(/[\r\n]/g, '')}\n`;
  if (message.retry !== undefined) out += `retry: ${Math.max(0, Math.trunc(message.retry))}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A comment line: ignored by clients, keeps proxies and idle timers from closing the stream. */
export function encodeSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;
}

/**
 * Incremental parser: feed it chunks as they arrive, it returns the complete messages. Follows the
 * spec's rules: a leading BOM is dropped, lines end at CR, LF or CRLF, one space after the colon is
 * dropped, comments and unknown fields are ignored, and a message with no data is not dispatched.
 */
export class SseParser {
  private buffer = '';
  private started = false;
  private pendingCr = false;
  private event = '';
  private data: string[] = [];
  private id: string | undefined;
  private retry: number | undefined;
  private hasData = false;
  /** The last `id:` seen, as a browser's `lastEventId` would hold it. */
  lastEventId = '';

  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (ch === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.id = value;
          this.lastEventId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return null;
  }

  private dispatch(): SseMessage | null {
    const message: SseMessage | null = this.hasData
      ? { event: this.event || 'message', data: this.data.join('\n') }
      : null;
    if (message && this.id !== undefined) message.id = this.id;
    if (message && this.retry !== undefined) message.retry = this.retry;
    this.event = '';
    this.data = [];
    this.hasData = false;
    this.id = undefined;
    this.retry = undefined;
    return message;
  }
}
