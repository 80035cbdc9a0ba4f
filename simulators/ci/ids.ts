import { randomInt } from 'node:crypto';

let lastId = 0;

/**
 * Run, job and deployment ids as CI systems number them: unique in this process and, being
 * time-based, across restarts (Signalboard keeps old deploys, and an id seen before is a finished deploy).
 */
export function nextId(): number {
  lastId = Math.max(lastId + 1, Date.now() * 100 + randomInt(100));
  return lastId;
}
