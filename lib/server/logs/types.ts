import type { EventData, LOG_LEVELS } from '../../events';

export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogSource = 'docker' | 'push';
export type LogStream = 'stdout' | 'stderr';

/** A line as a source hands it over, before it is normalised, stored and numbered. */
export interface RawLogLine {
  source: LogSource;
  container: string;
  stream: LogStream;
  /** When the line was written, ms since the epoch (from the engine or the pusher). */
  time: number;
  line: string;
  /** A level the source already knows (e.g. a Loki `level` label); detected from the text otherwise. */
  level?: LogLevel;
  /** Docker: the engine's nanosecond timestamp, the resume cursor for `since`. */
  cursorNs?: bigint;
}

/** The data of a `log-line` event. */
export type LogLineData = EventData<'log-line'>;

/** A stored line: its event data plus the id it shares with every durable event. */
export interface LogLine extends LogLineData {
  id: number;
}
