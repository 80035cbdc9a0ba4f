import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      MQTT_PORT: 1883,
      MQTT_TLS_PORT: 8883,
      WT_PORT: 4433,
      SIMULATORS: 'on',
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('reads ports as numbers and empty strings as unset', () => {
    const env = parseEnv({ PORT: '8080', REDIS_URL: '', SIMULATORS: 'off' });
    expect(env.PORT).toBe(8080);
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SIMULATORS).toBe('off');
  });

  it('names every bad variable and its value', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', MQTT_PORT: '70000', SIMULATORS: 'maybe', REDIS_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT must be a number \(got "eighty"\)/);
    expect(message).toMatch(/MQTT_PORT must be between 1 and 65535 \(got "70000"\)/);
    expect(message).toMatch(/SIMULATORS must be "on" or "off"/);
    expect(message).toMatch(/REDIS_URL must start with redis:\/\//);
  });

  it('never echoes secrets in its message', () => {
    expect(() => parseEnv({ SIGNALBOARD_ADMIN_PASSWORD: 'short' })).toThrow(
      /SIGNALBOARD_ADMIN_PASSWORD must be at least 8 characters$/m,
    );
    try {
      parseEnv({ SIGNALBOARD_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      expect((e as Error).message).not.toContain('"short"');
    }
  });
});
