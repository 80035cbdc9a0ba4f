import 'server-only';

/**
 * ANSI escape sequences (ECMA-48): CSI sequences such as colours (`ESC [ 31 m`), OSC sequences such
 * as window titles and hyperlinks (`ESC ] … BEL` or `ESC ] … ESC \`), and two-byte escapes.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The text of a line as a reader sees it: what search indexes and patterns match against. */
export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}
