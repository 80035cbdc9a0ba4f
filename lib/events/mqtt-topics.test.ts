import { describe, expect, it } from 'vitest';
import {
  checkTopicFilter,
  checkTopicName,
  checkTopicPrefix,
  filterWithin,
  topicMatches,
  topicWithin,
} from './mqtt-topics';

describe('topicMatches', () => {
  it('follows MQTT wildcard rules', () => {
    expect(topicMatches('sensors/#', 'sensors/a/b/c/temperature')).toBe(true);
    expect(topicMatches('sensors/#', 'sensors')).toBe(true);
    expect(topicMatches('sensors/+/temperature', 'sensors/greenhouse-1/temperature')).toBe(true);
    expect(topicMatches('sensors/+/temperature', 'sensors/a/b/temperature')).toBe(false);
    expect(topicMatches('sensors/+/+/+/temperature', 'sensors/a/f2/r1/temperature')).toBe(true);
    expect(topicMatches('sensors/building-a/#', 'sensors/building-b/f/r/t')).toBe(false);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
    expect(topicMatches('#', '$SYS/broker/x')).toBe(false);
  });
});

describe('topic checks', () => {
  it('refuses wildcards in names and misplaced wildcards in filters', () => {
    expect(checkTopicName('sensors/a').ok).toBe(true);
    expect(checkTopicName('sensors/+').ok).toBe(false);
    expect(checkTopicName('x'.repeat(300)).ok).toBe(false);
    expect(checkTopicFilter('sensors/+/+/temperature').ok).toBe(true);
    expect(checkTopicFilter('sensors/#/x').ok).toBe(false);
    expect(checkTopicFilter('sensors/a+').ok).toBe(false);
  });

  it('wants device prefixes under sensors/ with a place in them', () => {
    expect(checkTopicPrefix('sensors/building-a/floor-2/room-201').ok).toBe(true);
    expect(checkTopicPrefix('sensors').ok).toBe(false);
    expect(checkTopicPrefix('devices/x').ok).toBe(false);
    expect(checkTopicPrefix('sensors//x').ok).toBe(false);
    expect(checkTopicPrefix('sensors/x/status').ok).toBe(false);
  });
});

describe('subtree checks (the device ACL)', () => {
  const prefix = 'sensors/building-a/floor-2/room-201';
  it('keeps topics and filters inside the prefix', () => {
    expect(topicWithin(prefix, prefix)).toBe(true);
    expect(topicWithin(prefix, `${prefix}/temperature`)).toBe(true);
    expect(topicWithin(prefix, `${prefix}0/temperature`)).toBe(false);
    expect(topicWithin(prefix, 'sensors/building-a/floor-2')).toBe(false);
    expect(filterWithin(prefix, `${prefix}/#`)).toBe(true);
    expect(filterWithin(prefix, `${prefix}/+`)).toBe(true);
    expect(filterWithin(prefix, 'sensors/building-a/#')).toBe(false);
    expect(filterWithin(prefix, 'sensors/+/floor-2/room-201/#')).toBe(false);
    expect(filterWithin(prefix, '#')).toBe(false);
  });
});
