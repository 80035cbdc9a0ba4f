'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createChannel, deleteChannel, testChannel } from '@/lib/client/uptime/monitor-api';
import { Field, Select, TextInput } from './form-fields';
import { BUTTON, CARD, PRIMARY } from './status-style';

interface Channel {
  id: number;
  name: string;
  url: string;
  format: 'json' | 'slack';
  signed: boolean;
}

/** Outgoing webhooks on down and back-up (admins): list, add, send a test, remove. */
export function ChannelsPanel({ channels }: { channels: readonly Channel[] }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState('slack');
  const [secret, setSecret] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = await createChannel({ name, url, format, ...(secret ? { secret } : {}) });
    if (!result.ok) return setNote(result.error);
    setNote(null);
    setName('');
    setUrl('');
    setSecret('');
    router.refresh();
  };
  const test = async (id: number) => {
    const result = await testChannel(id);
    setNote(result.ok ? `Test sent: ${result.value.detail}.` : `Test failed: ${result.error}`);
  };
  const remove = async (id: number) => {
    const result = await deleteChannel(id);
    if (!result.ok) return setNote(result.error);
    router.refresh();
  };
  return (
    <div className="space-y-4">
      {channels.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No webhooks yet: status changes show here and in the chat only.</p>
      ) : (
        <ul className={`${CARD} divide-y divide-slate-200 dark:divide-slate-800`}>
          {channels.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span className="min-w-0">
                <strong>{c.name}</strong> · {c.format === 'slack' ? 'Slack-compatible' : 'generic JSON'} · <span className="font-mono text-xs break-all">{c.url}</span>
                {c.signed ? ' · signed' : ''}
              </span>
              <span className="flex gap-2">
                <button type="button" className={BUTTON} onClick={() => void test(c.id)}>
                  Send test
                </button>
                <button type="button" className={BUTTON} onClick={() => void remove(c.id)}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {note && <p role="status" className="text-sm text-slate-700 dark:text-slate-300">{note}</p>}
      <form onSubmit={add} className={`${CARD} grid gap-3 p-4 sm:grid-cols-4`} aria-label="Add a webhook">
        <Field name="ch-name" label="Name">
          <TextInput name="ch-name" value={name} onChange={setName} placeholder="#ops in Slack" />
        </Field>
        <Field name="ch-url" label="Webhook URL" className="sm:col-span-2">
          <TextInput name="ch-url" value={url} onChange={setUrl} placeholder="https://hooks.slack.com/services/…" />
        </Field>
        <Field name="ch-format" label="Format">
          <Select name="ch-format" value={format} onChange={setFormat} options={[['slack', 'Slack-compatible'], ['json', 'Generic JSON']]} />
        </Field>
        <Field name="ch-secret" label="Signing secret (optional, 16+ characters)" className="sm:col-span-3" hint="Signs each POST: X-Signalboard-Signature: sha256=HMAC(secret, timestamp.body).">
          <TextInput name="ch-secret" value={secret} onChange={setSecret} type="password" />
        </Field>
        <div className="flex items-end justify-end">
          <button type="submit" className={PRIMARY} disabled={!name || !url}>
            Add webhook
          </button>
        </div>
      </form>
    </div>
  );
}
