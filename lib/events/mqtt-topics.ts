/**
 * MQTT topic names and filters for sensors, shared by the broker, the ingest, the API and the browser.
 *
 * Layout: `sensors/<site>/<floor>/<room>` is where a device lives (its topic prefix). It publishes
 * either a JSON object of named numbers on that topic (or below it), or a bare number on a metric
 * topic one level deeper (`…/room-201/temperature`). Each number becomes one series, named by its
 * metric topic: `<location>/<metric>`. Wildcard selections (`sensors/+/+/+/temperature`,
 * `sensors/building-a/#`) are ordinary MQTT filters matched against metric topics.
 */

export const SENSORS_ROOT = 'sensors';
/** A device's connection state, published retained by the device itself (and as its last will). */
export const STATUS_SEGMENT = 'status';
/** Longest topic name or filter the broker accepts, in characters. */
export const MAX_TOPIC_LENGTH = 256;
/** Names of metrics: letters, digits, `_`, `-`, `.`; what a JSON key or a topic level may be. */
export const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** Levels under `sensors/` used for the tree, outermost first. */
export const LOCATION_LEVELS = ['site', 'floor', 'room'] as const;

export type TopicCheck = { ok: true } | { ok: false; error: string };

/**
 * A topic name a client may publish to: non-empty, no wildcards [MQTT-3.3.2-2], no NUL
 * [MQTT-1.5.3-2], within the length limit.
 */
export function checkTopicName(topic: string): TopicCheck {
  if (topic.length === 0) return { ok: false, error: 'topic is empty' };
  if (topic.length > MAX_TOPIC_LENGTH)
    return { ok: false, error: `topic longer than ${MAX_TOPIC_LENGTH} characters` };
  if (topic.includes('+') || topic.includes('#') || topic.includes('\u0000')) {
    return { ok: false, error: 'topic may not contain +, # or NUL' };
  }
  return { ok: true };
}

/**
 * A topic filter: `#` only as the last level and alone in it, `+` alone in its level
 * [MQTT-4.7.1-2], [MQTT-4.7.1-3].
 */
export function checkTopicFilter(filter: string): TopicCheck {
  if (filter.length === 0) return { ok: false, error: 'filter is empty' };
  if (filter.length > MAX_TOPIC_LENGTH)
    return { ok: false, error: `filter longer than ${MAX_TOPIC_LENGTH} characters` };
  if (filter.includes('\u0000')) return { ok: false, error: 'filter may not contain NUL' };
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return { ok: false, error: '# must be the whole last level' };
    }
    if (level.includes('+') && level !== '+') return { ok: false, error: '+ must be a whole level' };
  }
  return { ok: true };
}

/** True when `topic` matches `filter` by MQTT rules; `$` topics never match a leading wildcard [MQTT-4.7.2-1]. */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** True when every topic `filter` can match lies inside `prefix` (the prefix itself or below it). */
export function filterWithin(prefix: string, filter: string): boolean {
  if (filter === prefix || filter === `${prefix}/#`) return true;
  if (!filter.startsWith(`${prefix}/`)) return false;
  // Wildcards are fine below the prefix; the levels of the prefix itself were matched literally.
  return true;
}

/** True when `topic` is the prefix or lies below it. */
export function topicWithin(prefix: string, topic: string): boolean {
  return topic === prefix || topic.startsWith(`${prefix}/`);
}

/** A device's topic prefix: a topic name under `sensors/`, with at least one level below it. */
export function checkTopicPrefix(prefix: string): TopicCheck {
  const name = checkTopicName(prefix);
  if (!name.ok) return name;
  const levels = prefix.split('/');
  if (levels[0] !== SENSORS_ROOT || levels.length < 2) {
    return {
      ok: false,
      error: `must start with ${SENSORS_ROOT}/ and name a place, e.g. sensors/building-a/floor-2/room-201`,
    };
  }
  if (levels.some((l) => l.length === 0))
    return { ok: false, error: 'may not have empty levels (// or a trailing /)' };
  if (levels.at(-1) === STATUS_SEGMENT) return { ok: false, error: `may not end in /${STATUS_SEGMENT}` };
  return { ok: true };
}

/** The series topic of one metric at a location. */
export function metricTopic(location: string, metric: string): string {
  return `${location}/${metric}`;
}

/** Splits a metric topic into its location and metric name. */
export function splitMetricTopic(topic: string): { location: string; metric: string } {
  const at = topic.lastIndexOf('/');
  return at < 0
    ? { location: '', metric: topic }
    : { location: topic.slice(0, at), metric: topic.slice(at + 1) };
}

/** True for `<…>/status`, where devices publish `online` / `offline` (often as their last will). */
export function isStatusTopic(topic: string): boolean {
  return topic.endsWith(`/${STATUS_SEGMENT}`);
}

/** The named levels of a location under `sensors/` (site, floor, room), plus any deeper levels. */
export function locationPath(location: string): string[] {
  const levels = location.split('/');
  return levels[0] === SENSORS_ROOT ? levels.slice(1) : levels;
}

/** A human name for a location: "building-a › floor-2 › room-201". */
export function describeLocation(location: string): string {
  return locationPath(location).join(' › ');
}
