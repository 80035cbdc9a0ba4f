import 'server-only';

/**
 * The newest engine timestamp taken from one container, and the lines seen at exactly that time.
 * Following again with `since` = the cursor returns that instant's lines again (since is
 * inclusive): they are recognised and skipped, so a restart never stores a line twice. A cursor
 * restored from the store does not know which lines it saw at its instant: it skips them all (the
 * engine stamps nanoseconds, so two lines rarely share one).
 */
export class FollowCursor {
  private seenAtNs = new Set<string>();
  private seenAll: boolean;

  constructor(public ns: bigint | null) {
    this.seenAll = ns !== null;
  }

  /** True when this line is new (and moves the cursor); false for a line already taken. */
  admit(ns: bigint, text: string): boolean {
    if (this.ns !== null) {
      if (ns < this.ns) return false;
      if (ns === this.ns) {
        if (this.seenAll || this.seenAtNs.has(text)) return false;
        this.seenAtNs.add(text);
        return true;
      }
    }
    this.ns = ns;
    this.seenAll = false;
    this.seenAtNs = new Set([text]);
    return true;
  }
}
