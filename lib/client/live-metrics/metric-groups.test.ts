import { describe, expect, it } from 'vitest';
import { ALL_METRICS_MASK, METRIC_DEFS } from '../../events/metrics-frames';
import {
  METRIC_GROUPS,
  formatLoss,
  formatMetric,
  formatRtt,
  groupsOfMask,
  maskOfGroups,
} from './metric-groups';

describe('metric groups', () => {
  it('cover every metric exactly once', () => {
    const keys = METRIC_GROUPS.flatMap((g) => [...g.keys]);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(METRIC_DEFS.map((d) => d.key).sort());
  });

  it('turn into masks and back', () => {
    const all = new Set(METRIC_GROUPS.map((g) => g.id));
    expect(maskOfGroups(all)).toBe(ALL_METRICS_MASK);
    expect(groupsOfMask(maskOfGroups(new Set(['loop', 'store'] as const)))).toEqual(
      new Set(['loop', 'store']),
    );
    expect(maskOfGroups(new Set())).toBe(maskOfGroups(new Set(['process'] as const)));
  });

  it('format values for reading at a glance', () => {
    expect(formatMetric(12.345, '%')).toBe('12.3 %');
    expect(formatMetric(1.234, '%')).toBe('1.23 %');
    expect(formatMetric(182.4, 'MB')).toBe('182 MB');
    expect(formatMetric(1204.2, 'msg/s')).toBe('1,204 msg/s');
    expect(formatMetric(3, '')).toBe('3');
    expect(formatMetric(NaN, 'ms')).toBe('—');
    expect(formatRtt(0.4123)).toBe('0.41 ms');
    expect(formatRtt(25.6)).toBe('26 ms');
    expect(formatLoss(0.0003)).toBe('0.03 %');
  });
});
