'use client';

import { useState } from 'react';
import { checkTopicPrefix } from '@/lib/events/mqtt-topics';
import { createDevice } from '@/lib/client/sensors/sensors-api';
import { CopySnippet } from '../ui/copy-snippet';
import { mosquittoPub, type ConnectTarget } from './connect-snippets';
import { BUTTON, INPUT } from './sensor-style';

export interface Revealed {
  id: string;
  topicPrefix: string;
  password: string;
  what: 'created' | 'rotated';
}

/**
 * Admins add a device here; its password is shown once, right after, with a command that uses it.
 * (Rotation from the device list shows its new password in the same place.)
 */
export function DeviceAdmin({
  target,
  revealed,
  onRevealed,
  onChanged,
}: {
  target: ConnectTarget;
  revealed: Revealed | null;
  onRevealed: (value: Revealed | null) => void;
  onChanged: () => void;
}) {
  const [id, setId] = useState('');
  const [prefix, setPrefix] = useState('sensors/');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const check = checkTopicPrefix(prefix.trim());
    if (!check.ok) {
      setError(`Topic prefix ${check.error}.`);
      return;
    }
    setBusy(true);
    const result = await createDevice({ id: id.trim(), topicPrefix: prefix.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onRevealed({ id: id.trim(), topicPrefix: prefix.trim(), password: result.value, what: 'created' });
    setId('');
    setPrefix('sensors/');
    onChanged();
  };

  return (
    <div className="space-y-3">
      <form
        onSubmit={(e) => void submit(e)}
        className="flex flex-wrap items-end gap-2"
        aria-label="Add a device"
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
          Device id
          <input
            className={`${INPUT} w-44`}
            value={id}
            onChange={(e) => setId(e.target.value)}
            required
            maxLength={64}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            placeholder="room-201"
          />
        </label>
        <label className="flex min-w-0 basis-full flex-col gap-1 text-xs font-medium text-slate-600 sm:flex-1 sm:basis-auto dark:text-slate-300">
          Topic prefix (its own subtree)
          <input
            className={`${INPUT} w-full min-w-48 font-mono`}
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
            required
            maxLength={200}
            placeholder="sensors/building-a/floor-2/room-201"
          />
        </label>
        <button type="submit" className={BUTTON} disabled={busy}>
          {busy ? 'Adding…' : 'Add device'}
        </button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}
      {revealed && (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-500/40 bg-amber-50 p-3 text-sm dark:bg-amber-400/10"
        >
          <p>
            Password of <strong className="font-mono">{revealed.id}</strong> ({revealed.what}) — shown only
            now, store it in the device:{' '}
            <code className="font-mono font-semibold break-all">{revealed.password}</code>
          </p>
          <CopySnippet label="Publish a reading as this device" text={mosquittoPub(target, revealed)} />
          <button type="button" className={BUTTON} onClick={() => onRevealed(null)}>
            Done, hide it
          </button>
        </div>
      )}
    </div>
  );
}
