import { parseMarkdownLite, type Inline, type Token } from '@/lib/client/chat/markdown-lite';

const MENTION: Record<'me' | 'other', string> = {
  me: 'rounded bg-amber-200 px-0.5 font-semibold text-amber-950 dark:bg-amber-400/25 dark:text-amber-200',
  other: 'font-medium text-sky-700 dark:text-sky-300',
};

function renderInline(token: Inline, key: number, me: string | undefined): React.ReactNode {
  switch (token.type) {
    case 'text':
      return token.text;
    case 'link':
      return (
        <a
          key={key}
          href={token.href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="break-all text-sky-700 underline underline-offset-2 hover:no-underline dark:text-sky-400"
        >
          {token.text}
        </a>
      );
    case 'mention':
      return (
        <span key={key} className={MENTION[token.user.toLowerCase() === me?.toLowerCase() ? 'me' : 'other']}>
          @{token.user}
        </span>
      );
  }
}

function renderToken(token: Token, key: number, me: string | undefined): React.ReactNode {
  if (token.type === 'code') {
    return (
      <code key={key} className="rounded bg-slate-200/80 px-1 py-px font-mono text-[0.9em] dark:bg-slate-800">
        {token.text}
      </code>
    );
  }
  if (token.type === 'bold') {
    return <strong key={key}>{token.children.map((child, i) => renderInline(child, i, me))}</strong>;
  }
  return renderInline(token, key, me);
}

/**
 * A chat line as React elements built from Markdown-lite tokens (`code`, **bold**, http(s) links,
 * @mentions). Never HTML: whatever the text holds is shown as text.
 */
export function MessageText({ text, me }: { text: string; me?: string }) {
  return <>{parseMarkdownLite(text).map((token, i) => renderToken(token, i, me))}</>;
}
