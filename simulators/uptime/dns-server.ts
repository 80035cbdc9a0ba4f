/**
 * A tiny authoritative DNS server over UDP on loopback (RFC 1035 §4): answers A and TXT queries from
 * a map that can change at run time, NXDOMAIN for unknown names, and can be told to stay silent (to
 * test timeouts). Enough for the demo's DNS monitor and the integration tests.
 */
import dgram from 'node:dgram';

export interface DnsTarget {
  readonly port: number;
  /** name (lower case, no trailing dot) → IPv4 addresses */
  records: Map<string, string[]>;
  silent: boolean;
  close(): Promise<void>;
}

const TYPE_A = 1;

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (i < msg.length && msg[i]! > 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

export function answerQuery(msg: Buffer, records: ReadonlyMap<string, string[]>): Buffer | null {
  if (msg.length < 17) return null;
  const { name, end } = readName(msg, 12);
  if (end + 4 > msg.length) return null;
  const qtype = msg.readUInt16BE(end);
  const question = msg.subarray(12, end + 4);
  const addresses = records.get(name);
  const answers = qtype === TYPE_A && addresses ? addresses : [];
  const header = Buffer.alloc(12);
  msg.copy(header, 0, 0, 2); // id
  // QR=1, AA=1, RD copied; RCODE 3 (NXDOMAIN) when the name is unknown.
  header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (addresses ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const rrs = answers.map((ip) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    rr.writeUInt16BE(TYPE_A, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(30, 6); // TTL
    rr.writeUInt16BE(4, 10);
    ip.split('.').forEach((part, k) => rr.writeUInt8(Number(part), 12 + k));
    return rr;
  });
  return Buffer.concat([header, question, ...rrs]);
}

export async function startDnsTarget(options: { port?: number; records?: Record<string, string[]> } = {}): Promise<DnsTarget> {
  const socket = dgram.createSocket('udp4');
  const target: DnsTarget = {
    port: 0,
    records: new Map(Object.entries(options.records ?? {})),
    silent: false,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (msg, peer) => {
    if (target.silent) return;
    const reply = answerQuery(msg, target.records);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  (target as { port: number }).port = socket.address().port;
  return target;
}
