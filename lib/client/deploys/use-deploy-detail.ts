'use client';

import { useEffect, useRef, useState } from 'react';
import { useLiveConnection, useLiveEvent, useLiveReset } from '../use-live-events';
import { fetchDeployDetail } from './deploy-api';
import { DEPLOY_EVENT_TYPES, applyToRow, isDeployEvent, type LiveDeploy } from './deploy-list';
import type { DeployDetail } from './deploy-schemas';

/** Events come in bursts (a step ends, the next starts): one refetch per burst. */
const REFETCH_DELAY_MS = 250;

export interface LiveDeployDetail extends Omit<DeployDetail, 'deploy'> {
  deploy: LiveDeploy;
  /** Why the last refresh failed, while it has not succeeded since. */
  refreshError: string | null;
}

/**
 * One deploy, live: its header follows the events at once; steps and status changes are refetched
 * from `GET /api/deploys/:id` after each burst of events, after every reconnect and on `reset`, so
 * the timeline always shows the store's own account.
 */
export function useDeployDetail(initial: DeployDetail): LiveDeployDetail {
  const id = initial.deploy.id;
  const { store } = useLiveConnection();
  const [detail, setDetail] = useState<LiveDeployDetail>({ ...initial, refreshError: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const refetch = useRef(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      fetchDeployDetail(id, controller.signal).then(
        (result) =>
          setDetail((d) =>
            result.ok
              ? { ...result.value, refreshError: null }
              : { ...d, refreshError: `Could not refresh this deploy: ${result.error}` },
          ),
        () => undefined, // aborted by a newer refetch
      );
    }, REFETCH_DELAY_MS);
  }).current;

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  useLiveEvent(DEPLOY_EVENT_TYPES, (event) => {
    if (!isDeployEvent(event) || event.data.deployId !== id) return;
    setDetail((d) => {
      const next = applyToRow(d.deploy, event, Date.now());
      return next ? { ...d, deploy: next } : d;
    });
    refetch();
  });

  // Events of this deploy since the server render, and a fresh look after every reconnect.
  useEffect(() => {
    if (store.getRecent('deploys').some((e) => isDeployEvent(e) && e.data.deployId === id)) refetch();
    return store.onHello(() => refetch());
  }, [store, id, refetch]);

  useLiveReset(() => refetch());

  return detail;
}
