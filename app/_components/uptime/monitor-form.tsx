'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EMPTY_FORM, toDefinition, type FormValues } from '@/lib/client/uptime/form-values';
import { createMonitor, updateMonitor } from '@/lib/client/uptime/monitor-api';
import { Check, Field, Select, TextInput } from './form-fields';
import { CARD, PRIMARY } from './status-style';

const TYPES = [
  ['http', 'HTTP(S)'],
  ['tcp', 'TCP port'],
  ['dns', 'DNS record'],
  ['push', 'Push (heartbeat URL)'],
] as const;
const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV', 'CAA', 'PTR'].map((t) => [t, t] as const);
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'contains', 'exists'].map((o) => [o, o] as const);
const METHODS = ['GET', 'HEAD', 'POST'].map((m) => [m, m] as const);

/**
 * Create or edit a monitor. The server validates; its field errors show under each field, and the
 * first bad field gets the focus.
 */
export function MonitorForm({ id, initial = EMPTY_FORM }: { id?: number; initial?: FormValues }) {
  const router = useRouter();
  const [v, setV] = useState<FormValues>(initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormValues>(key: K) => (value: FormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const text = (key: keyof FormValues, label: string, extra: { placeholder?: string; hint?: React.ReactNode; numeric?: boolean; className?: string } = {}) => (
    <Field name={key} label={label} error={fields[key]} hint={extra.hint} className={extra.className}>
      <TextInput name={key} value={v[key] as string} onChange={set(key)} error={fields[key]} placeholder={extra.placeholder} inputMode={extra.numeric ? 'decimal' : undefined} />
    </Field>
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const body = toDefinition(v);
    const result = id === undefined ? await createMonitor(body) : await updateMonitor(id, body);
    setBusy(false);
    if (!result.ok) {
      setFields(result.fields ?? {});
      setError(result.fields ? 'Please fix the fields marked below.' : result.error);
      const first = Object.keys(result.fields ?? {})[0];
      if (first) document.getElementById(`f-${first.split('.')[0]}`)?.focus();
      return;
    }
    router.push(`/uptime/${result.value.monitor.id}`);
    router.refresh();
  };

  return (
    <form onSubmit={submit} noValidate className={`${CARD} space-y-5 p-4`} aria-label={id === undefined ? 'New monitor' : 'Edit monitor'}>
      {error && (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-500/40 dark:bg-rose-500/10 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {text('name', 'Name', { placeholder: 'Shop API' })}
        <Field name="type" label="Type" error={fields.type}>
          <Select name="type" value={v.type} onChange={(t) => set('type')(t as FormValues['type'])} options={TYPES} />
        </Field>
      </div>

      {v.type === 'http' && (
        <fieldset className="space-y-4">
          <legend className="sr-only">HTTP check</legend>
          {text('url', 'URL', { placeholder: 'https://api.example.com/health' })}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field name="method" label="Method">
              <Select name="method" value={v.method} onChange={set('method')} options={METHODS} />
            </Field>
            {text('acceptedStatusCodes', 'Accepted status codes', { hint: 'e.g. 200-299, 301', className: 'sm:col-span-2' })}
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            {text('keyword', 'Keyword in the body (optional)', { placeholder: 'healthy' })}
            <div className="flex items-end pb-2">
              <Check name="invertKeyword" label="Fail when the keyword is present" checked={v.invertKeyword} onChange={set('invertKeyword')} />
            </div>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            {text('jsonPath', 'JSON path (optional)', { placeholder: '$.status' })}
            <Field name="jsonPathOperator" label="Condition">
              <Select name="jsonPathOperator" value={v.jsonPathOperator} onChange={set('jsonPathOperator')} options={OPERATORS} />
            </Field>
            {text('expectedValue', 'Expected value', { placeholder: 'ok' })}
          </div>
          <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <summary className="cursor-pointer text-sm font-medium">TLS and redirects</summary>
            <div className="mt-3 grid gap-4 sm:grid-cols-3">
              {text('maxRedirects', 'Max redirects', { numeric: true })}
              {text('tlsExpiryWarningDays', 'Warn days before certificate expiry', { numeric: true })}
              <div className="flex items-end pb-2">
                <Check name="ignoreTlsErrors" label="Ignore TLS errors (self-signed)" checked={v.ignoreTlsErrors} onChange={set('ignoreTlsErrors')} />
              </div>
            </div>
          </details>
        </fieldset>
      )}
      {v.type === 'tcp' && (
        <div className="grid gap-4 sm:grid-cols-3">
          {text('host', 'Host', { placeholder: 'db.internal', className: 'sm:col-span-2' })}
          {text('port', 'Port', { placeholder: '5432', numeric: true })}
        </div>
      )}
      {v.type === 'dns' && (
        <div className="grid gap-4 sm:grid-cols-2">
          {text('host', 'Name to resolve', { placeholder: 'example.com' })}
          <Field name="recordType" label="Record type">
            <Select name="recordType" value={v.recordType} onChange={set('recordType')} options={RECORD_TYPES} />
          </Field>
          {text('expected', 'Expected answer (optional)', { placeholder: '93.184.216.34' })}
          {text('resolver', 'Resolver (optional)', { placeholder: '1.1.1.1 or 10.0.0.2:53', hint: 'Empty: the system resolver.' })}
        </div>
      )}
      {v.type === 'push' && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          After saving, the monitor&apos;s page shows its secret URL. Call it from a cron job or a device at least once per interval; a beat
          missing for longer than the interval plus the timeout counts as a failed check.
        </p>
      )}

      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold">Schedule</legend>
        {text('intervalSeconds', 'Interval (s)', { numeric: true })}
        {text('timeoutSeconds', 'Timeout (s)', { numeric: true, hint: 'Below the interval. Empty: 80 % of it, at most 30.' })}
        {text('retries', 'Retries before down', { numeric: true })}
        {text('retryIntervalSeconds', 'Retry interval (s)', { numeric: true, hint: 'Empty: the interval.' })}
      </fieldset>
      <Check name="public" label="Show on the public status page (/status)" checked={v.public} onChange={set('public')} />
      <div className="flex justify-end">
        <button type="submit" className={PRIMARY} disabled={busy}>
          {busy ? 'Saving…' : id === undefined ? 'Create monitor' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
