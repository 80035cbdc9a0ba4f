import 'server-only';
import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { RawLogLine } from '../types';
import { FollowCursor } from './cursor';
import { LineSplitter } from './line-splitter';
import { nsToMs, parseDockerTimestamp, sinceParam } from './timestamps';

/** Where a follower hands its lines, and how it learns to wait. */
export interface FollowSink {
  /** Takes lines; false means "pause until onDrain". */
  lines(lines: RawLogLine[]): boolean;
  onDrain(listener: () => void): void;
}

/**
 * Follows one container's logs (`GET /containers/{id}/logs?follow&timestamps`): stdout and stderr
 * apart for a non-TTY container (the engine multiplexes them with 8-byte frame headers, split by
 * `modem.demuxStream`), the raw stream for a TTY one. Each line's engine timestamp is its time and
 * the resume cursor; following again starts at the cursor with `since`.
 */
export class ContainerFollower {
  private stream: NodeJS.ReadableStream | null = null;
  private pending: RawLogLine[] = [];
  private flushScheduled = false;
  private stopped = false;
  readonly cursor: FollowCursor;

  constructor(
    private readonly docker: Docker,
    readonly containerId: string,
    readonly name: string,
    cursorNs: bigint | null,
    private readonly sink: FollowSink,
    private readonly backfillLines: number,
  ) {
    this.cursor = new FollowCursor(cursorNs);
  }

  /** Starts following; resolves with the end of the stream (the container stopped, or the engine went). */
  async run(): Promise<void> {
    const container = this.docker.getContainer(this.containerId);
    const info = await container.inspect();
    if (this.stopped) return;
    const since = this.cursor.ns;
    const stream = await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true,
      // The engine takes `<seconds>.<nanoseconds>`; the typings only know whole seconds.
      ...(since !== null ? { since: sinceParam(since) as unknown as number } : { tail: this.backfillLines }),
    });
    if (this.stopped) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    const stdout = new LineSplitter((line) => this.line('stdout', line));
    const stderr = new LineSplitter((line) => this.line('stderr', line));
    if (info.Config.Tty) {
      stream.on('data', (chunk: Buffer) => stdout.write(chunk));
    } else {
      (container.modem as DockerModem).demuxStream(stream, sinkFor(stdout), sinkFor(stderr));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', reject);
    }).finally(() => {
      stdout.end();
      stderr.end();
      this.flush();
      this.stream = null;
    });
  }

  stop(): void {
    this.stopped = true;
    const stream = this.stream as unknown as { destroy?: () => void } | null;
    stream?.destroy?.();
    this.stream = null;
  }

  private line(stream: 'stdout' | 'stderr', raw: string): void {
    const space = raw.indexOf(' ');
    const ns = space > 0 ? parseDockerTimestamp(raw.slice(0, space)) : null;
    // Every line the engine sends with `timestamps` starts with one; anything else is kept as is.
    const text = ns === null ? raw : raw.slice(space + 1);
    if (ns !== null && !this.cursor.admit(ns, `${stream}:${text}`)) return;
    this.pending.push({
      source: 'docker',
      container: this.name,
      stream,
      time: ns === null ? Date.now() : nsToMs(ns),
      line: text,
      ...(ns !== null ? { cursorNs: ns } : {}),
    });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands the lines of this tick over in one group, pausing the stream when the store is behind. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    if (this.sink.lines(lines)) return;
    const stream = this.stream;
    if (!stream || this.stopped) return;
    stream.pause();
    this.sink.onDrain(() => {
      if (!this.stopped) stream.resume();
    });
  }
}

/** The part of docker-modem used here (dockerode types it as any). */
interface DockerModem {
  demuxStream(
    stream: NodeJS.ReadableStream,
    stdout: NodeJS.WritableStream,
    stderr: NodeJS.WritableStream,
  ): void;
}

function sinkFor(splitter: LineSplitter): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      splitter.write(chunk);
      callback();
    },
  });
}
