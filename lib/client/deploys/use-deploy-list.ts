'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { DeployRow } from '@/lib/server/deploys/store';
import { useLiveConnection, useLiveEvent, useLiveReset } from '../use-live-events';
import { fetchDeployDetail } from './deploy-api';
import {
  DEPLOY_EVENT_TYPES,
  applyDeployEvent,
  deployListFrom,
  isDeployEvent,
  mergeRows,
  mergeSnapshot,
  partialIds,
  type DeployListState,
} from './deploy-list';
import { parseDeploysSnapshot } from './deploy-schemas';

/** What the server rendered the view from. */
export interface DeploysInitial {
  /** Server time of the render: buffered events from this moment on are applied on mount. */
  loadedAt: number;
  deploys: readonly DeployRow[];
}

/**
 * The live deploy list: starts from what the server rendered, then follows `deploy-*` events, merges
 * the `hello` snapshot of every reconnect, fetches deploys it only knows from an event, and reloads
 * the page's server data on `reset`. Mount it under a key that changes with the server data
 * (e.g. `loadedAt`) so a refresh starts it afresh.
 */
export function useDeployList(initial: DeploysInitial): DeployListState {
  const { store } = useLiveConnection();
  const router = useRouter();
  const [state, setState] = useState(() => deployListFrom(initial.deploys));
  const current = useRef(state);
  const requested = useRef(new Set<string>());

  useEffect(() => {
    current.current = state;
  });

  // Events that arrived between the server render and this mount (the connection outlives pages).
  useEffect(() => {
    const missed = store
      .getRecent('deploys')
      .filter(isDeployEvent)
      .filter((e) => e.ts >= initial.loadedAt)
      .reverse();
    if (missed.length === 0) return;
    setState((s) => missed.reduce((acc, e) => applyDeployEvent(acc, e, Date.now()), s));
  }, [store, initial.loadedAt]);

  useLiveEvent(DEPLOY_EVENT_TYPES, (event) => {
    if (isDeployEvent(event)) setState((s) => applyDeployEvent(s, event, Date.now()));
  });

  // Every (re)connect brings a fresh snapshot; running deploys it no longer lists ended meanwhile.
  useEffect(
    () =>
      store.onHello((hello) => {
        const snapshot = parseDeploysSnapshot(hello.snapshot.deploys);
        if (!snapshot) return;
        setState((s) => mergeSnapshot(s, snapshot, Date.now()).state);
        for (const id of mergeSnapshot(current.current, snapshot).ended) {
          requested.current.delete(id);
          void loadDeploy(id, requested.current, setState);
        }
      }),
    [store],
  );

  useLiveReset(() => router.refresh());

  // Deploys known only from an event: fetch their details once.
  useEffect(() => {
    for (const id of partialIds(state)) void loadDeploy(id, requested.current, setState);
  }, [state]);

  return state;
}

/** Fetches one deploy once and merges it; a deploy the store lacks (published by hand) stays as is. */
async function loadDeploy(
  id: string,
  requested: Set<string>,
  setState: (update: (s: DeployListState) => DeployListState) => void,
): Promise<void> {
  if (requested.has(id)) return;
  requested.add(id);
  const result = await fetchDeployDetail(id);
  if (result.ok) setState((s) => mergeRows(s, [result.value.deploy], Date.now()).state);
}
