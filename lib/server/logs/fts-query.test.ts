import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './fts-query';

function searchable(lines: string[]) {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE f USING fts5(line, content = '', contentless_delete = 1)");
  const insert = db.prepare('INSERT INTO f (rowid, line) VALUES (?, ?)');
  lines.forEach((line, i) => insert.run(i + 1, line));
  return (input: string) => {
    const query = toFtsQuery(input);
    if (query === null) return null;
    return (
      db.prepare('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid').pluck().all(query) as number[]
    ).map((id) => lines[id - 1]);
  };
}

describe('toFtsQuery', () => {
  const search = searchable([
    'GET /api/users 200 3ms',
    'POST /api/orders 500 upstream timeout after 30s',
    'connection refused: db:5432',
    'user_id=42 signed in',
    'refused connection to cache',
    'he said "hello" and left',
  ]);

  it('needs every word, each as a prefix', () => {
    expect(search('timeo orders')).toEqual(['POST /api/orders 500 upstream timeout after 30s']);
  });

  it('keeps quoted words together and in order', () => {
    expect(search('"connection refused"')).toEqual(['connection refused: db:5432']);
    expect(search('connection refused')).toHaveLength(2);
  });

  it('treats punctuated words as phrases of their parts', () => {
    expect(search('user_id=42')).toEqual(['user_id=42 signed in']);
    expect(search('/api/users')).toEqual(['GET /api/users 200 3ms']);
  });

  it('excludes -words', () => {
    expect(search('refused -cache')).toEqual(['connection refused: db:5432']);
  });

  it('never produces a syntax error from odd input', () => {
    for (const input of [
      '"',
      '"unclosed',
      'a AND OR NOT',
      '(x',
      'x*',
      '***',
      'NEAR(a b)',
      'col:val',
      '"he said ""hello"""',
    ]) {
      expect(() => search(input)).not.toThrow();
    }
  });

  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('  -- !! ')).toBeNull();
    expect(toFtsQuery('-only')).toBeNull();
  });
});
