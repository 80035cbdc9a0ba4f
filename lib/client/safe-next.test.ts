import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/deploys', '/deploys'],
    ['/logs?container=api#top', '/logs?container=api#top'],
    ['/', '/'],
  ])('follows %s', (raw, expected) => expect(safeNextPath(raw)).toBe(expected));

  it.each([
    [undefined],
    [''],
    ['deploys'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    ['/login?next=/x'],
  ])('refuses %s', (raw) => expect(safeNextPath(raw)).toBe('/'));

  it('takes the first of repeated parameters', () => {
    expect(safeNextPath(['/chat', '//evil'])).toBe('/chat');
  });
});
