import 'server-only';

/** At most this many terms: enough for any real search, bounded work for the index. */
const MAX_TERMS = 16;

/**
 * Turns what a person types into an FTS5 query (https://sqlite.org/fts5.html#full_text_query_syntax)
 * that cannot be a syntax error: every word must appear (prefix match, so `timeo` finds `timeout`),
 * `"quoted words"` must appear together in that order, and `-word` must not appear. Punctuation
 * inside a word (`user_id=42`, `/api/users`) makes it a phrase of its parts, exactly as the
 * tokenizer indexed it. Returns null when nothing searchable is left (e.g. only punctuation).
 */
export function toFtsQuery(input: string): string | null {
  const positive: string[] = [];
  const negative: string[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const quoted = match[2];
    const negated = (quoted !== undefined ? match[1] : match[3]) === '-';
    const text = quoted ?? match[4] ?? '';
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    const phrase = `"${text.replaceAll('"', '""')}"`;
    // A bare word is a prefix; a quoted phrase means exactly those words.
    const term = quoted === undefined ? `${phrase}*` : phrase;
    (negated ? negative : positive).push(term);
    if (positive.length + negative.length >= MAX_TERMS) break;
  }
  // FTS5's NOT is binary: without a positive term there is nothing to subtract from.
  if (positive.length === 0) return null;
  let query = positive.join(' AND ');
  if (negative.length) query = `(${query}) NOT (${negative.join(' OR ')})`;
  return query;
}
