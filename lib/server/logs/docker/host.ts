import 'server-only';
import type Docker from 'dockerode';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export type DockerTarget =
  { ok: true; options: Docker.DockerOptions; label: string } | { ok: false; error: string };

/**
 * Where the engine is, from DOCKER_HOST as the Docker CLI reads it: `unix:///path/docker.sock`,
 * `tcp://host:2375` (plain HTTP; TLS with client certificates is not supported here), or nothing
 * for the default socket. `ssh://` and `npipe://` are not supported.
 */
export function dockerTarget(value: string | undefined): DockerTarget {
  const host = value?.trim();
  if (!host) {
    return {
      ok: true,
      options: { socketPath: DEFAULT_DOCKER_SOCKET },
      label: `unix://${DEFAULT_DOCKER_SOCKET}`,
    };
  }
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    if (!socketPath.startsWith('/'))
      return { ok: false, error: `DOCKER_HOST "${host}": the socket path must be absolute.` };
    return { ok: true, options: { socketPath }, label: host };
  }
  if (host.startsWith('/')) return { ok: true, options: { socketPath: host }, label: `unix://${host}` };
  const match = /^(tcp|http|https):\/\/([^/:]+|\[[^\]]+\])(?::(\d{1,5}))?\/?$/.exec(host);
  if (match) {
    const scheme = match[1]!;
    const protocol = scheme === 'https' ? 'https' : 'http';
    const port = Number(match[3] ?? (protocol === 'https' ? 2376 : 2375));
    return {
      ok: true,
      options: { host: match[2]!.replace(/^\[|\]$/g, ''), port, protocol },
      label: host,
    };
  }
  return {
    ok: false,
    error: `DOCKER_HOST "${host}" is not supported: use unix:///path/to/docker.sock or tcp://host:port.`,
  };
}
