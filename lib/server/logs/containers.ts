import 'server-only';
import type { StoredContainer } from './store';
import type { LogLine, LogSource } from './types';

/** Docker's container states, plus `removed` (gone from the engine, history kept) and `pushed`. */
export type ContainerState =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead'
  | 'removed'
  | 'pushed'
  | 'unknown';

/** What the UI lists for one log source. */
export interface ContainerView {
  name: string;
  source: LogSource;
  state: ContainerState;
  /** Docker's own words, e.g. "Up 3 minutes" or "Exited (137) 2 seconds ago". */
  status: string | null;
  image: string | null;
  /** The engine's id, short form. */
  dockerId: string | null;
  /** Its logs are being followed right now. */
  following: boolean;
  /** Lines received since this server started. */
  lines: number;
  /** Error and fatal lines received since this server started. */
  errors: number;
  /** Time of the newest line (stored history included). */
  lastLineAt: number | null;
}

/**
 * Every container and pushed stream this server knows of: from the engine (state, image), from the
 * store (names with history, from earlier runs) and from the lines as they arrive.
 */
export class ContainerRegistry {
  private readonly byName = new Map<string, ContainerView>();
  /** Grows on every change, so pollers can skip an unchanged list. */
  version = 0;

  seed(stored: readonly StoredContainer[]): void {
    for (const row of stored) {
      if (this.byName.has(row.name)) continue;
      this.byName.set(row.name, this.blank(row.name, row.source, row.lastSeen));
    }
    this.version++;
  }

  /** Applies what the engine says about a container (creating the entry when new). */
  docker(name: string, patch: Partial<Omit<ContainerView, 'name' | 'source'>>): void {
    const view = this.byName.get(name) ?? this.blank(name, 'docker', null);
    Object.assign(view, patch);
    view.source = 'docker';
    this.byName.set(name, view);
    this.version++;
  }

  /** Marks every Docker container as no longer followed (the engine went away). */
  engineLost(): void {
    for (const view of this.byName.values()) {
      if (view.source === 'docker') view.following = false;
    }
    this.version++;
  }

  /** Counts stored lines, creating entries for pushed streams seen for the first time. */
  count(lines: readonly LogLine[]): void {
    for (const line of lines) {
      let view = this.byName.get(line.container);
      if (!view) {
        view = this.blank(line.container, line.source, null);
        if (line.source === 'push') view.state = 'pushed';
        this.byName.set(line.container, view);
      }
      view.lines++;
      if (line.level === 'error' || line.level === 'fatal') view.errors++;
      if (view.lastLineAt === null || line.time > view.lastLineAt) view.lastLineAt = line.time;
    }
    if (lines.length) this.version++;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): ContainerView | undefined {
    return this.byName.get(name);
  }

  /** Running containers first, then by name. */
  list(): ContainerView[] {
    const rank = (v: ContainerView) => (v.state === 'running' ? 0 : v.state === 'pushed' ? 1 : 2);
    return [...this.byName.values()]
      .map((v) => ({ ...v }))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }

  private blank(name: string, source: LogSource, lastLineAt: number | null): ContainerView {
    return {
      name,
      source,
      state: source === 'push' ? 'pushed' : 'unknown',
      status: null,
      image: null,
      dockerId: null,
      following: false,
      lines: 0,
      errors: 0,
      lastLineAt,
    };
  }
}
