'use client';

import { useCallback, useEffect, useState } from 'react';
import { fetchContainers, type ContainersInfo } from './logs-api';

/**
 * The engine's state and the container list, polled while the tab is visible, so that containers
 * that start, stop or die show up without a reload and the engine's retry countdown stays honest.
 * `skewMs` (server clock − browser clock) turns the server's retry time into a local countdown.
 */
export function useLogContainers(initial: ContainersInfo | null, everyMs = 3_000) {
  const [info, setInfo] = useState<ContainersInfo | null>(initial);
  const [skewMs, setSkewMs] = useState(0);
  const [stale, setStale] = useState(false);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    const result = await fetchContainers(signal).catch(() => null);
    if (signal?.aborted || !result) return;
    if (result.ok) {
      setInfo(result.value);
      setSkewMs(result.value.serverTime - Date.now());
      setStale(false);
    } else {
      setStale(true);
    }
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState !== 'hidden') await refresh(abort.signal);
      if (!abort.signal.aborted) timer = setTimeout(() => void tick(), everyMs);
    };
    void tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh(abort.signal);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      abort.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, everyMs]);

  return { info, skewMs, stale, refresh: () => refresh() };
}
