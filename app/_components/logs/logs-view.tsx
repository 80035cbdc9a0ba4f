'use client';

import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { formatEntries, downloadName, saveText } from '@/lib/client/logs/download';
import { LogView } from '@/lib/client/logs/log-view';
import {
  fetchContext,
  retryEngine,
  type ContainersInfo,
  type DroppedNotice,
  type SearchInput,
} from '@/lib/client/logs/logs-api';
import { compileFilter, entryMatches } from '@/lib/client/logs/text-filter';
import { useLogContainers } from '@/lib/client/logs/use-log-containers';
import { useLogSearch } from '@/lib/client/logs/use-log-search';
import { useLogTail } from '@/lib/client/logs/use-log-tail';
import type { LogLevel } from '@/lib/client/logs/view-line';
import { LiveIndicator } from '../live/live-indicator';
import { fromLiveStatus } from '../live/transport-state';
import { ContainerPicker } from './container-picker';
import { EngineStatus } from './engine-status';
import { HistoryBar, RANGES, type RangeValue } from './history-bar';
import { LevelPicker } from './level-picker';
import { LogList } from './log-list';
import { LogToolbar, type Layout } from './log-toolbar';
import { LogsGlance } from './logs-glance';
import { TailNotices } from './notices';
import { TailPanes } from './tail-panes';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The live tail and history search of container and pushed logs (see the page for the layout). */
export function LogsView({
  initial,
  initialContainers,
  initialLevels,
  teaching,
}: {
  initial: ContainersInfo | null;
  initialContainers: string[];
  initialLevels: LogLevel[];
  /** The empty state that says how to connect an engine or push logs. */
  teaching: React.ReactNode;
}) {
  const { info, skewMs, stale, refresh } = useLogContainers(initial);
  const [containers, setContainers] = useState(initialContainers);
  const [levels, setLevels] = useState(initialLevels);
  const selection = useMemo(
    () => ({ containers: containers.length ? containers : null, levels: levels.length ? levels : null }),
    [containers, levels],
  );
  const tail = useLogTail(selection);
  const search = useLogSearch();
  const [filter, setFilter] = useState('');
  const typed = useDeferredValue(filter);
  const compiled = useMemo(() => compileFilter(typed), [typed]);
  const [layout, setLayout] = useState<Layout>('merged');
  const [history, setHistory] = useState(false);
  const [range, setRange] = useState<RangeValue>('1h');
  const [context, setContext] = useState<{ id: number; view: LogView } | null>(null);

  // The selection is in the address, so a link shows a colleague the same view.
  useEffect(() => {
    const url = new URL(window.location.href);
    for (const [key, list] of [
      ['container', containers],
      ['level', levels],
    ] as const) {
      if (list.length) url.searchParams.set(key, list.join(','));
      else url.searchParams.delete(key);
    }
    window.history.replaceState(window.history.state, '', url);
  }, [containers, levels]);

  const runSearch = useCallback(
    (patch: Partial<SearchInput> = {}, rangeValue: RangeValue = range) => {
      const text = filter.trim();
      const slashed = /^\/(.+)\/[a-z]*$/.exec(text);
      const ms = RANGES.find((r) => r.value === rangeValue)?.ms ?? null;
      setContext(null);
      setHistory(true);
      search.run({
        ...selection,
        text: slashed ? slashed[1]! : text,
        regex: slashed !== null,
        from: ms === null ? null : Date.now() - ms,
        to: null,
        before: null,
        after: null,
        limit: 500,
        ...patch,
      });
    },
    [filter, range, search, selection],
  );

  const showDropped = (notice: DroppedNotice) =>
    runSearch({
      text: '',
      regex: false,
      from: null,
      after: (notice.fromId ?? 1) - 1,
      before: (notice.toId ?? 0) + 1,
      limit: 1000,
    });

  const showContext = async (id: number) => {
    const result = await fetchContext(id, 30);
    if (!result.ok) return;
    const view = new LogView();
    view.reset(result.value);
    setContext({ id, view });
  };

  const backToLive = () => {
    if (context) return setContext(null);
    search.close();
    setHistory(false);
  };

  // History highlights the words searched for (or the pattern); live, the filter.
  const highlight = useMemo(() => {
    const query = search.query;
    if (!history || !query?.text) return compiled.matcher;
    if (query.regex) return compileFilter(`/${query.text}/i`).matcher;
    const words = query.text
      .split(/\s+/)
      .filter((w) => w && !w.startsWith('-'))
      .map((w) => escapeRegex(w.replace(/"/g, '')));
    return words.length ? compileFilter(`/${words.join('|')}/i`).matcher : null;
  }, [compiled.matcher, history, search.query]);

  const download = () => {
    const entries = context
      ? context.view.getEntries()
      : history
        ? search.view.getEntries()
        : tail.view.getEntries().filter((e) => !compiled.matcher || entryMatches(e, compiled.matcher));
    saveText(formatEntries(entries), downloadName(selection.containers));
  };

  const list = info?.containers ?? [];
  const columns = containers.length
    ? containers
    : list.filter((c) => c.following || c.source === 'push').map((c) => c.name);
  const empty = compiled.matcher ? (
    <>No line in view matches “{typed}”. Press Enter to search all of history for it.</>
  ) : tail.loading ? (
    <>Loading…</>
  ) : containers.length > 0 ? (
    <>Waiting for lines from {containers.join(', ')}…</>
  ) : list.length === 0 ? (
    teaching
  ) : (
    <>Waiting for lines…</>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <LogsGlance info={info} linesInView={tail.view.lines} />
        <div className="flex flex-wrap items-center gap-2">
          <EngineStatus
            engine={info?.engine ?? null}
            skewMs={skewMs}
            stale={stale}
            onRetry={() => void retryEngine().then(() => refresh())}
          />
          <LiveIndicator
            label="Live tail"
            state={fromLiveStatus(tail.status)}
            title="SSE: /api/events?streams=logs"
          />
        </div>
      </div>
      <ContainerPicker containers={list} selected={containers} onChange={setContainers} />
      <LevelPicker selected={levels} onChange={setLevels} />
      <LogToolbar
        filter={filter}
        filterError={compiled.error}
        onFilter={setFilter}
        onSearch={() => runSearch()}
        live={!history}
        paused={tail.view.paused}
        onPause={tail.setPaused}
        onClear={tail.clear}
        onDownload={download}
        layout={layout}
        onLayout={setLayout}
      />
      {history ? (
        <>
          <HistoryBar
            search={search}
            range={range}
            onRange={(value) => {
              setRange(value);
              runSearch({}, value);
            }}
            contextOf={context?.id ?? null}
            onBack={backToLive}
          />
          <LogList
            key={context ? `context-${context.id}` : 'results'}
            entries={context ? context.view.getEntries() : search.view.getEntries()}
            version={context ? context.view.version : search.version}
            matcher={highlight}
            showContainer
            focusId={context?.id ?? null}
            onContext={context ? undefined : (id) => void showContext(id)}
            label="Search results, oldest at the top"
            empty={search.status === 'loading' ? 'Searching…' : 'Nothing found in the stored history.'}
            className="h-[calc(100vh-21rem)] min-h-80"
          />
        </>
      ) : (
        <>
          <TailNotices
            paused={tail.view.paused}
            waiting={tail.view.waiting}
            onResume={() => tail.setPaused(false)}
            dropped={tail.dropped}
            onShowDropped={showDropped}
            onDismissDropped={tail.dismissDropped}
            trimmed={tail.view.trimmed}
          />
          {tail.error && <p className="text-sm text-rose-700 dark:text-rose-400">{tail.error}</p>}
          <TailPanes
            layout={layout}
            entries={tail.view.getEntries()}
            version={tail.version}
            epoch={tail.view.epoch}
            matcher={compiled.matcher}
            filterKey={typed}
            columns={columns}
            empty={empty}
          />
        </>
      )}
    </div>
  );
}
