/**
 * Devices as a tree of places: site › floor › room, from their topic prefixes. Each node knows its
 * MQTT filter (`sensors/building-a/#`), so clicking it selects everything below.
 */
import { locationPath } from '../../events/mqtt-topics';

export type DeviceStateName = 'online' | 'silent' | 'offline';

export interface TreeDevice {
  id: string;
  topicPrefix: string;
  state: DeviceStateName;
}

export interface TreeNode {
  name: string;
  /** `sensors/building-a` … */
  topic: string;
  /** `sensors/building-a/#` */
  filter: string;
  children: TreeNode[];
  devices: TreeDevice[];
  counts: Record<DeviceStateName, number> & { total: number };
}

function node(name: string, topic: string): TreeNode {
  return {
    name,
    topic,
    filter: `${topic}/#`,
    children: [],
    devices: [],
    counts: { total: 0, online: 0, silent: 0, offline: 0 },
  };
}

export function buildDeviceTree(devices: readonly TreeDevice[]): TreeNode {
  const root = node('sensors', 'sensors');
  for (const device of devices) {
    const path = locationPath(device.topicPrefix);
    let current = root;
    const chain = [root];
    let topic = 'sensors';
    for (const level of path) {
      topic = `${topic}/${level}`;
      let child = current.children.find((c) => c.name === level);
      if (!child) current.children.push((child = node(level, topic)));
      current = child;
      chain.push(current);
    }
    current.devices.push(device);
    for (const n of chain) {
      n.counts.total++;
      n.counts[device.state]++;
    }
  }
  const sort = (n: TreeNode) => {
    n.children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    n.devices.sort((a, b) => a.id.localeCompare(b.id));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
