import 'server-only';
import { StringDecoder } from 'node:string_decoder';

/** Longest partial line held while waiting for its end; past it, the part is handed over as a line. */
export const MAX_PARTIAL_CHARS = 64 * 1024;

/**
 * Splits a byte stream into lines (LF, with a CR before it dropped), decoding UTF-8 across chunk
 * boundaries. A line that never ends is handed over in parts of MAX_PARTIAL_CHARS, so memory stays bounded.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  write(chunk: Buffer): void {
    let text = this.decoder.write(chunk);
    if (this.partial) {
      text = this.partial + text;
      this.partial = '';
    }
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      this.onLine(text.slice(start, stop));
      start = end + 1;
    }
    let rest = text.slice(start);
    while (rest.length > MAX_PARTIAL_CHARS) {
      this.onLine(rest.slice(0, MAX_PARTIAL_CHARS));
      rest = rest.slice(MAX_PARTIAL_CHARS);
    }
    this.partial = rest;
  }

  /** Hands over what is left (a last line without its LF). */
  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest) this.onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  }
}
