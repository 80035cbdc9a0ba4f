import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../lib/events/chat-frames';
import { ChatPresence } from './chat-presence';

const flushed = () => new Promise((r) => setTimeout(r, 30));

describe('ChatPresence across instances', () => {
  it('merges the users of other instances: online anywhere wins, and a gone instance takes its users along', async () => {
    const frames: ServerFrame[] = [];
    let localChanges = 0;
    const presence = new ChatPresence(
      10,
      (f) => frames.push(f),
      () => localChanges++,
    );
    presence.update('ann', 'away');
    presence.setRemote(
      'b',
      [
        { user: 'ann', status: 'online' },
        { user: 'bob', status: 'away' },
      ],
      1_000,
    );
    expect(localChanges).toBe(1);
    await flushed();
    expect(frames).toEqual([
      {
        type: 'presence',
        changes: [
          { user: 'ann', status: 'online' },
          { user: 'bob', status: 'away' },
        ],
      },
    ]);
    expect(presence.localSnapshot()).toEqual([{ user: 'ann', status: 'away' }]);
    expect(presence.snapshot()).toEqual([
      { user: 'ann', status: 'online' },
      { user: 'bob', status: 'away' },
    ]);

    // Instance b says nothing for too long: its users are gone, ann is still away here.
    presence.dropRemoteBefore(2_000);
    await flushed();
    expect(frames.at(-1)).toEqual({
      type: 'presence',
      changes: [
        { user: 'ann', status: 'away' },
        { user: 'bob', status: 'offline' },
      ],
    });
    presence.stop();
  });
});
