/** JSON log lines: folded to "message key=value …" on one row, pretty-printed when expanded. */

const MESSAGE_KEYS = ['msg', 'message', '@m', '@mt', 'event'];
const HIDDEN_KEYS = new Set([
  'level',
  'lvl',
  'severity',
  'levelname',
  'time',
  'ts',
  'timestamp',
  '@t',
  '@l',
  ...MESSAGE_KEYS,
]);

function short(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The folded form: the message first, then the other fields as key=value. */
export function JsonSummary({ json }: { json: Record<string, unknown> }) {
  const key = MESSAGE_KEYS.find((k) => typeof json[k] === 'string');
  const fields = Object.entries(json).filter(([k]) => !HIDDEN_KEYS.has(k));
  return (
    <>
      {key && <span className="text-slate-900 dark:text-slate-100">{String(json[key])}</span>}
      {fields.map(([k, v]) => (
        <span key={k}>
          {' '}
          <span className="text-slate-500 dark:text-slate-400">{k}=</span>
          <span className="text-teal-800 dark:text-teal-300">{short(v)}</span>
        </span>
      ))}
      <span className="ml-2 rounded-sm border border-slate-300 px-1 text-[10px] text-slate-500 dark:border-slate-700">
        JSON
      </span>
    </>
  );
}

const PRETTY = /^(\s*)("(?:[^"\\]|\\.)*")(:\s)?(.*)$/;

/** One row of pretty-printed JSON, keys and values in their colours. */
export function JsonRow({ text }: { text: string }) {
  const match = PRETTY.exec(text);
  if (!match) return <span className="text-slate-500">{text}</span>;
  const [, indent, first, colon, rest] = match;
  if (!colon) {
    return (
      <>
        {indent}
        <span className="text-emerald-700 dark:text-emerald-300">{first}</span>
        {rest}
      </>
    );
  }
  const value = rest ?? '';
  const valueClass = value.startsWith('"')
    ? 'text-emerald-700 dark:text-emerald-300'
    : /^[\d-]/.test(value)
      ? 'text-amber-700 dark:text-amber-300'
      : 'text-fuchsia-700 dark:text-fuchsia-300';
  return (
    <>
      {indent}
      <span className="text-sky-700 dark:text-sky-300">{first}</span>
      {colon}
      <span className={valueClass}>{value}</span>
    </>
  );
}
