'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useLiveEvent } from '@/lib/client/use-live-events';

/** Re-renders the page's server parts (incident lists) when an incident opens or resolves. */
export function RefreshOnIncident({ monitorId }: { monitorId?: number }) {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useLiveEvent(['incident', 'monitor-status'], (event) => {
    if (monitorId !== undefined && event.data.monitorId !== monitorId) return;
    if (event.type === 'monitor-status' && monitorId === undefined) return;
    if (timer.current) clearTimeout(timer.current);
    // A burst of changes costs one refresh.
    timer.current = setTimeout(() => router.refresh(), 300);
  });
  return null;
}
