import 'server-only';

/**
 * Decoding of Loki's protobuf push request (pkg/push/push.proto), the format Promtail and Grafana
 * Alloy send: `PushRequest { repeated StreamAdapter streams = 1 }`, `StreamAdapter { string labels = 1;
 * repeated EntryAdapter entries = 2 }`, `EntryAdapter { Timestamp timestamp = 1; string line = 2 }`,
 * `Timestamp { int64 seconds = 1; int32 nanos = 2 }`. Other fields are skipped. Throws on malformed input.
 */
export interface ProtoStream {
  labels: string;
  entries: { ns: bigint; line: string }[];
}

class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end = buf.length,
  ) {}

  varint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= this.end || shift > 63) throw new Error('truncated varint');
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  /** A length-delimited field: a reader over its bytes. */
  sub(): Reader {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new Error('field longer than its message');
    this.pos += length;
    const reader = new Reader(this.buf, start + length);
    reader.pos = start;
    return reader;
  }

  string(): string {
    const sub = this.sub();
    return this.buf.toString('utf8', sub.pos, sub.end);
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.sub();
    else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wireType}`);
    if (this.pos > this.end) throw new Error('truncated field');
  }

  fields(read: (field: number, wireType: number) => boolean): void {
    while (this.pos < this.end) {
      const key = this.varint();
      const field = Math.floor(key / 8);
      const wireType = key & 7;
      if (!read(field, wireType)) this.skip(wireType);
    }
  }
}

function timestamp(reader: Reader): bigint {
  let seconds = 0;
  let nanos = 0;
  reader.fields((field, wireType) => {
    if (wireType !== 0) return false;
    if (field === 1) seconds = reader.varint();
    else if (field === 2) nanos = reader.varint();
    else return false;
    return true;
  });
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

export function decodePushRequest(buf: Buffer): ProtoStream[] {
  const streams: ProtoStream[] = [];
  const top = new Reader(buf);
  top.fields((field, wireType) => {
    if (field !== 1 || wireType !== 2) return false;
    const reader = top.sub();
    const stream: ProtoStream = { labels: '', entries: [] };
    reader.fields((f, w) => {
      if (f === 1 && w === 2) stream.labels = reader.string();
      else if (f === 2 && w === 2) {
        const entry = reader.sub();
        let ns = 0n;
        let line = '';
        entry.fields((ef, ew) => {
          if (ef === 1 && ew === 2) ns = timestamp(entry.sub());
          else if (ef === 2 && ew === 2) line = entry.string();
          else return false;
          return true;
        });
        stream.entries.push({ ns, line });
      } else return false;
      return true;
    });
    streams.push(stream);
    return true;
  });
  return streams;
}

const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_.]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|(?=\}))/y;

/** Prometheus label notation, `{job="varlogs", filename="/var/log/a.log"}`, as an object; null if malformed. */
export function parseLabels(text: string): Record<string, string> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return null;
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 1;
  while (LABEL.lastIndex < trimmed.length - 1) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(trimmed);
    if (!match) return /^\s*$/.test(trimmed.slice(start, -1)) ? labels : null;
    labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}
