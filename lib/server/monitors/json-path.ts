/**
 * A small JSONPath subset for HTTP monitors' body conditions: `$.a.b`, `$['a b']`, `$.items[0]`,
 * `$.items[*].state`, `$.*`. Enough for health endpoints; no filters or scripts, so a monitor
 * definition can never run code. Pure: unit-tested beside this file.
 */

export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export const JSON_PATH_OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'contains', 'exists'] as const;
export type JsonPathOperator = (typeof JSON_PATH_OPERATORS)[number];

const IDENT = /^[A-Za-z_$][\w$-]*/;

/** Parses a path; `status.db` without the leading `$` is read as `$.status.db`. */
export function parseJsonPath(path: string): { ok: true; segments: PathSegment[] } | { ok: false; error: string } {
  let rest = path.trim();
  if (rest === '') return { ok: false, error: 'is empty' };
  if (rest.startsWith('$')) rest = rest.slice(1);
  else rest = `.${rest}`;
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    if (rest.startsWith('.*')) {
      segments.push({ kind: 'wildcard' });
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      const match = IDENT.exec(rest.slice(1));
      if (!match) return { ok: false, error: `expected a name after "." at "${rest.slice(0, 20)}"` };
      segments.push({ kind: 'key', key: match[0] });
      rest = rest.slice(1 + match[0].length);
    } else if (rest.startsWith('[')) {
      const close = findClose(rest);
      if (close < 0) return { ok: false, error: `unclosed "[" at "${rest.slice(0, 20)}"` };
      const inner = rest.slice(1, close).trim();
      rest = rest.slice(close + 1);
      if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/s.test(inner)) segments.push({ kind: 'key', key: inner.slice(1, -1) });
      else return { ok: false, error: `"[${inner.slice(0, 20)}]" is not an index, '*' or a quoted name` };
    } else {
      return { ok: false, error: `unexpected "${rest.slice(0, 20)}"` };
    }
  }
  return { ok: true, segments };
}

function findClose(text: string): number {
  const quote = text[1] === "'" || text[1] === '"' ? text[1] : null;
  if (!quote) return text.indexOf(']');
  const end = text.indexOf(quote, 2);
  return end < 0 ? -1 : text.indexOf(']', end);
}

/** Every value the path selects (a wildcard can select several; a missing key selects none). */
export function selectJsonPath(value: unknown, segments: readonly PathSegment[]): unknown[] {
  let current: unknown[] = [value];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const item of current) {
      if (segment.kind === 'wildcard') {
        if (Array.isArray(item)) next.push(...(item as unknown[]));
        else if (item !== null && typeof item === 'object') next.push(...(Object.values(item) as unknown[]));
      } else if (segment.kind === 'index') {
        if (Array.isArray(item) && segment.index < item.length) next.push(item[segment.index]);
      } else if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.hasOwn(item, segment.key)) {
        next.push((item as Record<string, unknown>)[segment.key]);
      }
    }
    current = next;
  }
  return current;
}

/** How a selected value reads in messages and string comparisons. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function compare(actual: unknown, operator: JsonPathOperator, expected: string): boolean {
  const text = showValue(actual);
  const a = typeof actual === 'number' ? actual : Number(text);
  const e = Number(expected);
  const numeric = expected.trim() !== '' && Number.isFinite(e) && Number.isFinite(a) && (typeof actual === 'number' || text.trim() !== '');
  switch (operator) {
    case '==':
      return numeric ? a === e : text === expected;
    case '!=':
      return numeric ? a !== e : text !== expected;
    case '<':
      return numeric && a < e;
    case '<=':
      return numeric && a <= e;
    case '>':
      return numeric && a > e;
    case '>=':
      return numeric && a >= e;
    case 'contains':
      return Array.isArray(actual) ? actual.some((v) => showValue(v) === expected) : text.includes(expected);
    case 'exists':
      return true;
  }
}

/**
 * Checks a parsed JSON body: passes when any selected value satisfies the operator (for `!=`, when
 * none equals). The message says what was found, so a failed check explains itself.
 */
export function checkJsonCondition(
  body: unknown,
  path: string,
  operator: JsonPathOperator,
  expected = '',
): { ok: boolean; message: string } {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) return { ok: false, message: `JSON path ${path}: ${parsed.error}` };
  const values = selectJsonPath(body, parsed.segments);
  if (values.length === 0) return { ok: operator === '!=' , message: `JSON path ${path} selects nothing` };
  if (operator === 'exists') return { ok: true, message: `${path} exists` };
  const ok =
    operator === '!='
      ? values.every((v) => compare(v, '!=', expected))
      : values.some((v) => compare(v, operator, expected));
  const shown = values.slice(0, 3).map(showValue).join(', ');
  return {
    ok,
    message: ok
      ? `${path} = ${shown}`
      : `${path} is ${shown}, expected ${operator} ${expected}`,
  };
}
