'use client';

import { useState } from 'react';

/** A command or URL to paste somewhere, with a copy button (the text stays selectable too). */
export function CopySnippet({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      // Clipboard access can be refused (plain HTTP, permissions); the text is still selectable.
    }
  };
  return (
    <div>
      {label && <p className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">{label}</p>}
      <div className="relative">
        <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-100 p-3 pr-16 font-mono text-xs leading-relaxed text-slate-800 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-200">
          <code>{text}</code>
        </pre>
        <button
          type="button"
          onClick={copy}
          className="absolute top-2 right-2 rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
          aria-label={copied ? 'Copied' : `Copy${label ? ` ${label.toLowerCase()}` : ''}`}
        >
          <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
    </div>
  );
}
