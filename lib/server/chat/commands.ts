import 'server-only';

/** Slash commands typed in the message box. `//text` posts `/text` literally. */
export type ChatCommand =
  | { kind: 'message'; text: string }
  | { kind: 'ack'; alertId: number | null }
  | { kind: 'unknown'; name: string; reason: string };

export const COMMAND_HELP = '/ack takes the newest open alert in this channel; /ack <id> takes that one.';

export function parseCommand(text: string): ChatCommand {
  if (text.startsWith('//')) return { kind: 'message', text: text.slice(1) };
  const match = /^\/([a-z]+)\b\s*(.*)$/i.exec(text);
  if (!match) return { kind: 'message', text };
  const name = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  if (name === 'ack') {
    if (rest === '') return { kind: 'ack', alertId: null };
    const id = /^#?(\d{1,15})$/.exec(rest);
    if (id) return { kind: 'ack', alertId: Number(id[1]) };
    return { kind: 'unknown', name, reason: `"/ack ${rest}" is not an alert id. ${COMMAND_HELP}` };
  }
  return {
    kind: 'unknown',
    name,
    reason: `Unknown command /${name}. ${COMMAND_HELP} Start with // to post a slash.`,
  };
}
