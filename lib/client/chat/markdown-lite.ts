/**
 * Markdown-lite for chat lines: `code`, **bold**, http(s) links (bare or `[label](url)`) and @mentions.
 * It produces tokens, never HTML: the component renders each token as a React element, so whatever a
 * message contains (`<script>`, `javascript:` URLs, entities) ends up as text or is left out.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'mention'; user: string };

export type Token = Inline | { type: 'code'; text: string } | { type: 'bold'; children: Inline[] };

/** Only these schemes become links; anything else stays text. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// [label](http…) | bare http(s) URL | @user
const INLINE =
  /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]{1,2000})\)|(https?:\/\/[^\s<>"'`]{1,2000})|(^|[^\w@])@([A-Za-z0-9._-]{1,64})/g;
/** Trailing punctuation is part of the sentence, not of a bare URL. */
const TRAILING = /[.,;:!?)\]]+$/;

function inline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev?.type === 'text') prev.text += t;
    else out.push({ type: 'text', text: t });
  };
  for (const match of text.matchAll(INLINE)) {
    const [whole, label, labelled, bare, before, user] = match;
    let start = match.index;
    let end = start + whole.length;
    let token: Inline | null = null;
    if (label !== undefined && labelled !== undefined) {
      const href = safeHref(labelled);
      token = href ? { type: 'link', href, text: label } : null;
    } else if (bare !== undefined) {
      const url = bare.replace(TRAILING, '');
      end = start + url.length;
      const href = safeHref(url);
      token = href ? { type: 'link', href, text: url } : null;
    } else if (user !== undefined) {
      start += (before ?? '').length;
      // A mention ends before trailing dots ("thanks @ana.").
      const name = user.replace(/[.]+$/, '');
      end = start + 1 + name.length;
      token = { type: 'mention', user: name };
    }
    if (!token) continue;
    push(text.slice(last, start));
    out.push(token);
    last = end;
  }
  push(text.slice(last));
  return out;
}

/** Splits a message into tokens: code spans first (nothing inside them is formatted), then bold. */
export function parseMarkdownLite(text: string): Token[] {
  const tokens: Token[] = [];
  const parts = text.split(/(`[^`\n]+`)/);
  for (const part of parts) {
    if (!part) continue;
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) {
      tokens.push({ type: 'code', text: part.slice(1, -1) });
      continue;
    }
    const bolds = part.split(/(\*\*[^*\n]+\*\*)/);
    for (const piece of bolds) {
      if (!piece) continue;
      if (piece.length > 4 && piece.startsWith('**') && piece.endsWith('**')) {
        tokens.push({ type: 'bold', children: inline(piece.slice(2, -2)) });
      } else {
        tokens.push(...inline(piece));
      }
    }
  }
  return tokens;
}

/** True when the text mentions `username` (case-insensitive, as @name). */
export function mentions(text: string, username: string): boolean {
  const me = username.toLowerCase();
  const visit = (list: readonly Token[]): boolean =>
    list.some((t) =>
      t.type === 'mention' ? t.user.toLowerCase() === me : t.type === 'bold' ? visit(t.children) : false,
    );
  return visit(parseMarkdownLite(text));
}
