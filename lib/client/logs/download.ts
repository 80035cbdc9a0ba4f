/** The current view as a text file: one line per log line, with time, container, stream and level. */
import type { LogEntry } from './view-line';

export function formatEntries(entries: readonly LogEntry[]): string {
  let out = '';
  for (const entry of entries) {
    for (const line of [entry.head, ...entry.rest]) {
      const time = new Date(line.time).toISOString();
      out += `${time} ${line.container} ${line.stream} ${line.level.toUpperCase()} ${line.plain}${line.truncated ? ' [truncated]' : ''}\n`;
    }
  }
  return out;
}

/** e.g. `signalboard-logs-web+db-20261125-103300.log` */
export function downloadName(containers: readonly string[] | null, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const who = containers?.length
    ? containers
        .join('+')
        .replace(/[^\w.+-]/g, '_')
        .slice(0, 60)
    : 'all';
  return `signalboard-logs-${who}-${stamp}.log`;
}

/** Starts a download of `text` in the browser. */
export function saveText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
