'use client';

import { memo } from 'react';
import type { Matcher } from '@/lib/client/logs/text-filter';
import { entryJson, expandable, prettyJson, type LogEntry, type ViewLine } from '@/lib/client/logs/view-line';
import { AnsiText } from './ansi-text';
import { JsonRow, JsonSummary } from './json-line';
import { LEVEL_ROW, LEVEL_TAG, ROW_HEIGHT, containerColor } from './styles';

const ROW = 'flex items-center gap-2 whitespace-pre pr-4';

function clock(time: number): string {
  const d = new Date(time);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function Message({
  line,
  matcher,
  json,
}: {
  line: ViewLine;
  matcher: Matcher | null;
  json: Record<string, unknown> | null;
}) {
  if (json && !matcher) return <JsonSummary json={json} />;
  return (
    <>
      <AnsiText line={line.line} ranges={matcher?.ranges(line.plain)} />
      {line.truncated && (
        <span
          className="ml-2 rounded-sm bg-amber-500/20 px-1 text-[10px] text-amber-800 dark:text-amber-300"
          title="This line was longer than the limit and was cut."
        >
          truncated
        </span>
      )}
    </>
  );
}

export interface LogRowProps {
  entry: LogEntry;
  expanded: boolean;
  matcher: Matcher | null;
  showContainer: boolean;
  /** Marks the line a context view is about. */
  focused?: boolean;
  /** Arrived a moment ago: a brief highlight. */
  fresh: boolean;
  onToggle: (key: number) => void;
  onContext?: (id: number) => void;
}

/** One entry: its head line (time, container, level, message) and, expanded, its other rows. */
export const LogRow = memo(function LogRow({
  entry,
  expanded,
  matcher,
  showContainer,
  focused,
  fresh,
  onToggle,
  onContext,
}: LogRowProps) {
  const { head } = entry;
  const json = entryJson(entry);
  const canExpand = expandable(entry);
  const tag = LEVEL_TAG[head.level];
  const color = containerColor(head.container);
  const extra = expanded ? (entry.rest.length > 0 ? entry.rest : null) : null;
  const pretty = expanded && !extra && json ? prettyJson(json) : null;
  return (
    <div
      data-log-row={head.id}
      data-level={head.level}
      className={`group ${LEVEL_ROW[head.level]} ${focused ? 'outline outline-1 -outline-offset-1 outline-sky-500' : ''} ${fresh ? 'motion-safe:animate-arrive' : ''} ${head.stream === 'stderr' ? 'border-l-2 border-rose-500/60' : 'border-l-2 border-transparent'}`}
    >
      <div className={ROW} style={{ height: ROW_HEIGHT }}>
        <span
          className="pl-2 text-slate-500 tabular-nums dark:text-slate-500"
          title={`${new Date(head.time).toISOString()}${head.stream === 'stderr' ? ' · stderr' : ''}`}
        >
          {clock(head.time)}
        </span>
        {showContainer && (
          <span className={`w-28 shrink-0 truncate ${color.text}`} title={head.container}>
            {head.container}
          </span>
        )}
        <span className={`w-7 shrink-0 text-center ${tag.className}`} title={tag.title}>
          {tag.label}
        </span>
        <button
          type="button"
          tabIndex={canExpand ? 0 : -1}
          disabled={!canExpand}
          onClick={() => onToggle(entry.key)}
          aria-expanded={canExpand ? expanded : undefined}
          aria-label={
            canExpand
              ? expanded
                ? 'Fold'
                : entry.rest.length
                  ? `Show ${entry.rest.length} more lines`
                  : 'Expand JSON'
              : undefined
          }
          className="w-3 shrink-0 text-slate-500 hover:text-slate-900 disabled:invisible dark:hover:text-white"
        >
          {expanded ? '▾' : '▸'}
        </button>
        <span className="text-slate-800 dark:text-slate-200">
          <Message line={head} matcher={matcher} json={json} />
          {entry.rest.length > 0 && !expanded && (
            <button
              type="button"
              onClick={() => onToggle(entry.key)}
              className="ml-2 rounded-sm border border-slate-300 px-1 text-[10px] text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-400 dark:hover:bg-slate-800"
            >
              +{entry.rest.length} lines
            </button>
          )}
        </span>
        {onContext && (
          <button
            type="button"
            onClick={() => onContext(head.id)}
            className="invisible ml-2 text-[11px] text-sky-700 underline group-hover:visible focus:visible dark:text-sky-400"
          >
            context
          </button>
        )}
      </div>
      {extra?.map((line) => (
        <div key={line.id} className={`${ROW} pl-[7.5rem]`} style={{ height: ROW_HEIGHT }}>
          <span className="text-slate-700 dark:text-slate-300">
            <AnsiText line={line.line} ranges={matcher?.ranges(line.plain)} />
          </span>
        </div>
      ))}
      {pretty?.map((text, i) => (
        <div key={i} className={`${ROW} pl-[7.5rem]`} style={{ height: ROW_HEIGHT }}>
          <span>
            <JsonRow text={text} />
          </span>
        </div>
      ))}
    </div>
  );
});
