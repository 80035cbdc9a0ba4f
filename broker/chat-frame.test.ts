import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { encodeTextFrame } from './chat-frame';

describe('encodeTextFrame', () => {
  it('writes 7-bit, 16-bit and 64-bit lengths that a real WebSocket client reads back', async () => {
    const texts = [0, 125, 126, 65_535, 65_536, 300_000].map(
      (size) => 'é'.repeat(Math.floor(size / 2)) + (size % 2 ? 'x' : ''),
    );
    const wss = new WebSocketServer({ noServer: true });
    const server = createServer();
    server.on('upgrade', (req, socket: Duplex, head) =>
      wss.handleUpgrade(req, socket, head, () => {
        for (const text of texts) socket.write(encodeTextFrame(Buffer.from(text)));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(false);
        received.push(data.toString());
        if (received.length === texts.length) resolve();
      });
      client.on('error', reject);
    });
    expect(received.map((t) => Buffer.byteLength(t))).toEqual([0, 125, 126, 65_535, 65_536, 300_000]);
    expect(received).toEqual(texts);
    client.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
