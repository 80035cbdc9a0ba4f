'use client';

import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Matcher } from '@/lib/client/logs/text-filter';
import { entryRows, type LogEntry } from '@/lib/client/logs/view-line';
import { RowIndex } from '@/lib/client/logs/windowing';
import { LogRow } from './log-row';
import { ROW_HEIGHT } from './styles';

const OVERSCAN = 12;
const FRESH_MS = 1_500;

/** Index of the entry with this key (entries are in key order), or -1. */
function findKey(entries: readonly LogEntry[], key: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = entries[mid]!.key;
    if (at === key) return mid;
    if (at < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function selectingIn(element: HTMLElement): boolean {
  const selection = document.getSelection();
  return !!selection && !selection.isCollapsed && element.contains(selection.anchorNode);
}

export interface LogListProps {
  entries: readonly LogEntry[];
  /** Changes whenever the entries do (they may be appended to in place). */
  version: number;
  matcher: Matcher | null;
  showContainer: boolean;
  label: string;
  empty?: React.ReactNode;
  focusId?: number | null;
  onContext?: (id: number) => void;
  className?: string;
}

/**
 * A terminal-like list that renders only the rows in view (windowing over row offsets), so it
 * stays smooth at 100,000 lines. At the bottom it follows new lines; scrolled up, it keeps the
 * reader's line where it is — even when the oldest lines are dropped above — and offers a jump to
 * the newest. It never scrolls while the reader is selecting text in it.
 */
export function LogList({
  entries,
  version,
  matcher,
  showContainer,
  label,
  empty,
  focusId,
  onContext,
  className,
}: LogListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [atBottom, setAtBottom] = useState(true);
  const stick = useRef(true);
  const countWhenLeft = useRef(0);
  const anchor = useRef<{ key: number; delta: number } | null>(null);

  const index = useMemo(() => {
    const rows = new RowIndex();
    rows.build(entries.length, (i) => entryRows(entries[i]!, expanded.has(entries[i]!.key)));
    return rows;
    // `version` stands for in-place appends to `entries`.
  }, [entries, expanded, version]);

  const onToggle = useCallback((key: number) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const jumpToLatest = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    stick.current = true;
    setAtBottom(true);
    el.scrollTop = el.scrollHeight;
  }, []);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const bottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 1.5;
    if (bottom !== stick.current) {
      stick.current = bottom;
      setAtBottom(bottom);
      if (!bottom) countWhenLeft.current = entries.length;
    }
    setViewport({ top: el.scrollTop, height: el.clientHeight });
  };

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (stick.current) {
      if (!selectingIn(el)) el.scrollTop = el.scrollHeight;
    } else if (anchor.current) {
      // Keep the reader's first visible line in place, whatever was added or dropped above it.
      const at = findKey(entries, anchor.current.key);
      if (at >= 0) {
        const top = index.offsetOf(at) * ROW_HEIGHT + anchor.current.delta;
        if (Math.abs(el.scrollTop - top) >= 1) el.scrollTop = top;
      }
    }
    const first = index.indexAt(Math.floor(el.scrollTop / ROW_HEIGHT));
    const entry = entries[first];
    anchor.current = entry
      ? { key: entry.key, delta: el.scrollTop - index.offsetOf(first) * ROW_HEIGHT }
      : null;
    if (el.scrollTop !== viewport.top || el.clientHeight !== viewport.height) {
      setViewport({ top: el.scrollTop, height: el.clientHeight });
    }
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const { start, end } = index.range(
    Math.floor(viewport.top / ROW_HEIGHT),
    Math.ceil(viewport.height / ROW_HEIGHT),
    OVERSCAN,
  );
  const now = Date.now();
  const newBelow = atBottom ? 0 : Math.max(0, entries.length - countWhenLeft.current);

  return (
    <div className={`relative min-h-0 ${className ?? ''}`}>
      <div
        ref={scrollRef}
        onScroll={onScroll}
        onKeyDown={(event) => {
          if (event.key === 'End') {
            event.preventDefault();
            jumpToLatest();
          }
        }}
        tabIndex={0}
        role="log"
        aria-label={label}
        aria-live="off"
        data-log-list
        className="h-full overflow-auto rounded-md border border-slate-200 bg-white font-mono text-[12.5px] dark:border-slate-800 dark:bg-slate-950"
      >
        {entries.length === 0 ? (
          <div className="p-4 font-sans text-sm text-slate-500 dark:text-slate-400">{empty}</div>
        ) : (
          <div
            style={{ height: index.totalRows * ROW_HEIGHT, position: 'relative', minWidth: 'max-content' }}
          >
            <div style={{ position: 'absolute', top: index.offsetOf(start) * ROW_HEIGHT, left: 0, right: 0 }}>
              {entries.slice(start, end).map((entry) => (
                <LogRow
                  key={entry.key}
                  entry={entry}
                  expanded={expanded.has(entry.key)}
                  matcher={matcher}
                  showContainer={showContainer}
                  focused={focusId === entry.head.id}
                  fresh={now - entry.head.arrivedAt < FRESH_MS}
                  onToggle={onToggle}
                  onContext={onContext}
                />
              ))}
            </div>
          </div>
        )}
      </div>
      {!atBottom && entries.length > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          data-jump-latest
          className="absolute right-4 bottom-3 rounded-full bg-sky-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-sky-500"
        >
          ↓ {newBelow > 0 ? `${newBelow.toLocaleString('en')} newer` : 'Latest'}
        </button>
      )}
    </div>
  );
}
