import { describe, expect, it } from 'vitest';
import { certificateWarning, countStatuses, formatLatency, formatUptime, glanceDetails, glanceLine, publicHeadline } from './uptime-format';

const m = (status: 'up' | 'down' | 'pending' | 'maintenance', paused = false) => ({ status, paused });

describe('uptime words', () => {
  it('answers at a glance', () => {
    expect(glanceLine(countStatuses([]))).toEqual({ text: 'No monitors yet', tone: 'none' });
    expect(glanceLine(countStatuses([m('up'), m('up')]))).toEqual({ text: 'All 2 monitors up', tone: 'good' });
    expect(glanceLine(countStatuses([m('up')]))).toEqual({ text: '1 monitor up', tone: 'good' });
    expect(glanceLine(countStatuses([m('up'), m('down'), m('down'), m('pending')])).text).toBe('2 monitors down');
    expect(glanceLine(countStatuses([m('up'), m('pending')])).text).toBe('1 monitor retrying');
    expect(glanceLine(countStatuses([m('up'), m('maintenance')]))).toEqual({ text: '1 of 2 monitors up', tone: 'warn' });
    expect(glanceLine(countStatuses([m('down', true)])).text).toBe('All 1 monitor paused');
    expect(glanceDetails(countStatuses([m('down'), m('pending'), m('maintenance'), m('up', true)]))).toEqual(['1 retrying', '1 in maintenance', '1 paused']);
  });

  it('speaks of services on the public page', () => {
    expect(publicHeadline(countStatuses([m('up')])).text).toBe('All systems operational');
    expect(publicHeadline(countStatuses([m('up'), m('down')])).text).toBe('1 service down');
    expect(publicHeadline(countStatuses([m('down')])).text).toBe('Major outage');
    expect(publicHeadline(countStatuses([m('up'), m('maintenance')])).text).toBe('Scheduled maintenance in progress');
  });

  it('formats figures', () => {
    expect(formatUptime(null)).toBe('—');
    expect(formatUptime(100)).toBe('100 %');
    expect(formatUptime(99.951)).toBe('99.95 %');
    expect(formatLatency(12.4)).toBe('12 ms');
    expect(formatLatency(2500)).toBe('2.5 s');
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(0.4)).toBe('< 1 ms');
  });

  it('warns of a certificate only within its window', () => {
    const now = 0;
    expect(certificateWarning(5 * 86_400_000 + 1000, 14, now)).toBe(5);
    expect(certificateWarning(30 * 86_400_000, 14, now)).toBeNull();
    expect(certificateWarning(null, 14, now)).toBeNull();
    expect(certificateWarning(5 * 86_400_000, 0, now)).toBeNull();
  });
});
