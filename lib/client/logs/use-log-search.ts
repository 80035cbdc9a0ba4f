'use client';

import { useCallback, useRef, useState } from 'react';
import { LogView } from './log-view';
import { searchHistory, type SearchInput } from './logs-api';
import type { ViewLine } from './view-line';

export type SearchStatus = 'idle' | 'loading' | 'done' | 'error';

export interface LogSearch {
  status: SearchStatus;
  error: string | null;
  /** The results, oldest first, grouped like the live tail. */
  view: LogView;
  version: number;
  /** There is more to look at further back (a next page). */
  more: boolean;
  /** Lines looked at for a pattern search, in total. */
  scanned: number;
  query: SearchInput | null;
  run: (input: SearchInput) => void;
  loadOlder: () => void;
  close: () => void;
}

/** History search over the store: the first page, then older pages on demand. */
export function useLogSearch(): LogSearch {
  const [view] = useState(() => new LogView(50_000));
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<SearchStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState<SearchInput | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [scanned, setScanned] = useState(0);
  const lines = useRef<ViewLine[]>([]);
  const abort = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    async (input: SearchInput, fresh: boolean) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setStatus('loading');
      setError(null);
      const result = await searchHistory(input, controller.signal).catch(() => null);
      if (controller.signal.aborted) return;
      if (!result || !result.ok) {
        setStatus('error');
        setError(result ? result.error : 'The search failed.');
        return;
      }
      const page = [...result.value.lines].reverse();
      lines.current = fresh ? page : [...page, ...lines.current];
      view.reset(lines.current);
      setVersion(view.version);
      setNext(result.value.next);
      setScanned((n) => (fresh ? 0 : n) + result.value.scanned);
      setStatus('done');
    },
    [view],
  );

  const run = useCallback(
    (input: SearchInput) => {
      setQuery(input);
      void fetchPage({ ...input, before: input.before }, true);
    },
    [fetchPage],
  );

  const loadOlder = useCallback(() => {
    if (query && next !== null) void fetchPage({ ...query, before: next }, false);
  }, [fetchPage, next, query]);

  const close = useCallback(() => {
    abort.current?.abort();
    lines.current = [];
    view.clear();
    setVersion(view.version);
    setQuery(null);
    setStatus('idle');
    setError(null);
    setNext(null);
  }, [view]);

  return { status, error, view, version, more: next !== null, scanned, query, run, loadOlder, close };
}
