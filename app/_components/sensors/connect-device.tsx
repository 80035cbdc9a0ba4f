import { CopySnippet } from '../ui/copy-snippet';
import { Code } from '../ui/empty-state';
import { mosquittoPub, pahoSnippet, type ConnectTarget } from './connect-snippets';

/** How to point a device at this broker: where, with what, and a command to try. */
export function ConnectDevice({
  target,
  origin,
  admin,
}: {
  target: ConnectTarget;
  origin: string;
  admin: boolean;
}) {
  const port = target.mqttPort ?? 1883;
  const example = { id: 'room-201', topicPrefix: 'sensors/building-a/floor-2/room-201' };
  return (
    <div className="space-y-3 text-sm leading-relaxed text-slate-600 dark:text-slate-400">
      <p>
        Point a device at{' '}
        <Code>
          mqtt://{target.hostname}:{port}
        </Code>{' '}
        (or MQTT over WebSocket at <Code>{origin.replace(/^http/, 'ws')}/mqtt</Code>) with its id as the user
        name and its password. Each device publishes and subscribes only under its own topic prefix, e.g.{' '}
        <Code>{example.topicPrefix}</Code>: a JSON object of named numbers on the prefix, or a bare number on{' '}
        <Code>{example.topicPrefix}/temperature</Code>. A retained <Code>…/status</Code> of{' '}
        <Code>online</Code> with an <Code>offline</Code> last will shows connection loss at once.
      </p>
      <p>
        {admin
          ? 'Add a device in the Devices list below (its password is shown once), '
          : 'An admin adds devices on this page, '}
        or start Signalboard with <Code>DEVICES_FILE</Code> pointing at a JSON list of{' '}
        <Code>{'{ "id", "password", "topicPrefix" }'}</Code>. For a simulated fleet, start with{' '}
        <Code>SIMULATORS=on</Code>.
      </p>
      <CopySnippet
        label="Publish a reading with mosquitto_pub (QoS 1, retained)"
        text={mosquittoPub(target, example)}
      />
      <CopySnippet label="The same from Python (paho-mqtt)" text={pahoSnippet(target, example)} />
    </div>
  );
}
