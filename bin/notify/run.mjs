// Runs the wrapped command with its output passed through live, keeping only a bounded tail of it
// for the failure report.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';

export const TAIL_LINES = 20;
export const TAIL_BYTES = 2048;
const KEEP_CHARS = 8 * TAIL_BYTES;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

/** The last lines of a stream of output, in bounded memory whatever the command prints. */
export class OutputTail {
  #text = '';

  push(chunk) {
    this.#text += chunk;
    if (this.#text.length > 2 * KEEP_CHARS) this.#text = this.#text.slice(-KEEP_CHARS);
  }

  /** At most TAIL_LINES lines and TAIL_BYTES bytes, colour codes removed. */
  toString() {
    const lines = this.#text
      .replace(ANSI, '')
      .replace(/\r(?!\n)/g, '\n')
      .trimEnd()
      .split(/\r?\n/)
      .slice(-TAIL_LINES);
    const bytes = Buffer.from(lines.join('\n'));
    // Cutting at a byte count may split a character: drop its remains.
    return bytes.length <= TAIL_BYTES
      ? bytes.toString()
      : bytes
          .subarray(-TAIL_BYTES)
          .toString()
          .replace(/^\uFFFD+/, '');
  }
}

/** Forwards a child's stream to ours, pausing the child when our side (a CI log pipe) is slow. */
function forward(from, to, tail) {
  const decoder = new StringDecoder('utf8');
  from.on('data', (chunk) => {
    tail.push(decoder.write(chunk));
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
}

/**
 * Runs `argv` and resolves `{ exitCode, signal, error, tail, ms }` once it has exited: `exitCode` is what
 * the notifier should exit with (the command's code, 127 when it could not start, 128+N for signal N).
 * SIGINT and SIGTERM sent to the notifier (a cancelled CI job) are passed on to the command.
 */
export function runCommand(argv) {
  const started = Date.now();
  const tail = new OutputTail();
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
    const relay = (signal) => child.kill(signal);
    process.on('SIGINT', relay);
    process.on('SIGTERM', relay);
    forward(child.stdout, process.stdout, tail);
    forward(child.stderr, process.stderr, tail);
    let settled = false;
    const finish = (result) => {
      if (settled) return; // a command that cannot start emits 'error' and then 'close'
      settled = true;
      process.off('SIGINT', relay);
      process.off('SIGTERM', relay);
      resolve({ ...result, tail: tail.toString(), ms: Date.now() - started });
    };
    child.once('error', (error) => finish({ exitCode: 127, signal: null, error: error.message }));
    child.once('close', (code, signal) => {
      if (signal) finish({ exitCode: 128 + (constants.signals[signal] ?? 0), signal, error: null });
      else finish({ exitCode: code ?? 1, signal: null, error: null });
    });
  });
}
