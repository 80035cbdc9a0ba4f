'use client';

/** The deploys pages' name for the shared clock (lib/client/use-now.ts): ms since the epoch, 0 on the server. */
export { useNow as useTick } from '../use-now';
