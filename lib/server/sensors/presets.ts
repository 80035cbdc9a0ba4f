import 'server-only';
import { SENSORS_ROOT, locationPath } from '../../events/mqtt-topics';

export interface Preset {
  label: string;
  filter: string;
}

const MAX_PRESETS = 12;

/**
 * Wildcard selections worth one click, from the series that exist: everything, then one per metric
 * at each depth it is reported at (`sensors/+/+/+/temperature` for rooms three levels down).
 */
export function seriesPresets(series: readonly { location: string; metric: string }[]): Preset[] {
  const presets: Preset[] = [{ label: 'everything', filter: `${SENSORS_ROOT}/#` }];
  const seen = new Set<string>();
  const depthsOf = new Map<string, Set<number>>();
  for (const s of series) {
    const depths = depthsOf.get(s.metric) ?? new Set<number>();
    depths.add(locationPath(s.location).length);
    depthsOf.set(s.metric, depths);
  }
  for (const [metric, depths] of [...depthsOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (const depth of [...depths].sort()) {
      const filter = `${SENSORS_ROOT}/${'+/'.repeat(depth)}${metric}`;
      if (seen.has(filter)) continue;
      seen.add(filter);
      presets.push({ label: filter, filter });
    }
  }
  return presets.slice(0, MAX_PRESETS);
}
