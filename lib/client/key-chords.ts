/**
 * Keyboard chords in the manner of GitHub and Gmail: "g" then a letter jumps to a page, "/" focuses
 * search. Pure logic; the component that listens to the keyboard lives in app/_components/shell.
 */
export type ChordResult = { type: 'go'; key: string } | { type: 'search' } | { type: 'pending' } | null;

/** Time allowed between "g" and the second key. */
export const CHORD_TIMEOUT_MS = 1_500;

export class ChordReader {
  private pendingSince: number | null = null;

  constructor(private readonly timeoutMs = CHORD_TIMEOUT_MS) {}

  /** Feeds one key (KeyboardEvent.key, without modifiers). */
  feed(key: string, now: number): ChordResult {
    const pending = this.pendingSince !== null && now - this.pendingSince <= this.timeoutMs;
    this.pendingSince = null;
    if (pending) return key.length === 1 ? { type: 'go', key: key.toLowerCase() } : null;
    if (key === 'g') {
      this.pendingSince = now;
      return { type: 'pending' };
    }
    if (key === '/') return { type: 'search' };
    return null;
  }
}

/** True when typing in this element must not trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
