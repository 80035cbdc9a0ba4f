/** Copyable commands that point a device at this broker (shown in the empty state and after a rotation). */
export interface ConnectTarget {
  hostname: string;
  mqttPort: number | null;
}

export function mosquittoPub(
  target: ConnectTarget,
  device: { id: string; topicPrefix: string; password?: string },
): string {
  const port = target.mqttPort ?? 1883;
  return [
    `mosquitto_pub -h ${target.hostname} -p ${port} -q 1 -r \\`,
    `  -u '${device.id}' -P '${device.password ?? '<password>'}' \\`,
    `  -t '${device.topicPrefix}' \\`,
    `  -m '{"temperature": 21.4, "humidity": 40}'`,
  ].join('\n');
}

export function pahoSnippet(target: ConnectTarget, device: { id: string; topicPrefix: string }): string {
  const port = target.mqttPort ?? 1883;
  return [
    'import json, paho.mqtt.client as mqtt',
    `c = mqtt.Client(client_id="${device.id}")`,
    `c.username_pw_set("${device.id}", "<password>")`,
    `c.will_set("${device.topicPrefix}/status", "offline", qos=1, retain=True)`,
    `c.connect("${target.hostname}", ${port})`,
    `c.publish("${device.topicPrefix}", json.dumps({"temperature": 21.4}), qos=1, retain=True).wait_for_publish()`,
  ].join('\n');
}
