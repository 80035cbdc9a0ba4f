import { INPUT } from './status-style';

/** A labelled input with its field error under it (linked for screen readers). */
export function Field({
  name,
  label,
  error,
  hint,
  children,
  className = '',
}: {
  name: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className} data-field={name}>
      <label htmlFor={`f-${name}`} className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      {error && (
        <p id={`e-${name}`} role="alert" className="mt-1 text-xs font-medium text-rose-700 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextInput({
  name,
  value,
  onChange,
  error,
  type = 'text',
  placeholder,
  inputMode,
}: {
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'url' | 'text';
}) {
  return (
    <input
      id={`f-${name}`}
      name={name}
      type={type}
      value={value}
      placeholder={placeholder}
      inputMode={inputMode}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `e-${name}` : undefined}
      className={`${INPUT} ${error ? 'border-rose-500 dark:border-rose-500' : ''}`}
    />
  );
}

export function Select({ name, value, onChange, options }: { name: string; value: string; onChange: (value: string) => void; options: readonly (readonly [string, string])[] }) {
  return (
    <select id={`f-${name}`} name={name} value={value} onChange={(e) => onChange(e.target.value)} className={INPUT}>
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function Check({ name, label, checked, onChange }: { name: string; label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm" data-field={name}>
      <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 accent-sky-600" />
      {label}
    </label>
  );
}
