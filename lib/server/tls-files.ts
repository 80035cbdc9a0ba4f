import 'server-only';
import fs from 'node:fs';
import { EnvError } from '../env';

/**
 * Reads a certificate and key configured by the operator as two file paths (`<PREFIX>_CERT` and
 * `<PREFIX>_KEY`, e.g. MQTT_TLS or WT_TLS); null when neither is set. One without the other, or a file
 * that cannot be read, stops the start with a message naming the variable.
 */
export function readTlsFiles(
  certPath: string | undefined,
  keyPath: string | undefined,
  prefix = 'MQTT_TLS',
): { cert: Buffer; key: Buffer } | null {
  const [certVar, keyVar] = [`${prefix}_CERT`, `${prefix}_KEY`];
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    throw new EnvError([
      `${certVar} and ${keyVar} must be set together (only ${certPath ? certVar : keyVar} is set)`,
    ]);
  }
  const read = (file: string, variable: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new EnvError([
        `${variable} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      ]);
    }
  };
  return { cert: read(certPath, certVar), key: read(keyPath, keyVar) };
}
