import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, fromDefinition, toDefinition } from './form-values';

describe('monitor form values', () => {
  it('sends only what was filled, numbers as numbers', () => {
    expect(toDefinition({ ...EMPTY_FORM, name: ' api ', url: 'https://api.example', timeoutSeconds: '' })).toEqual({
      name: 'api',
      type: 'http',
      public: false,
      intervalSeconds: 60,
      retries: 1,
      url: 'https://api.example',
      method: 'GET',
      acceptedStatusCodes: ['200-299'],
      maxRedirects: 10,
      tlsExpiryWarningDays: 14,
      ignoreTlsErrors: false,
    });
    expect(toDefinition({ ...EMPTY_FORM, type: 'tcp', name: 'db', host: 'db', port: '54x' })).toMatchObject({ host: 'db', port: '54x' });
  });

  it('round-trips a stored definition', () => {
    const d = { name: 'dns', type: 'dns', intervalSeconds: 30, timeoutSeconds: 5, retries: 0, retryIntervalSeconds: 30, public: true, host: 'a.example', recordType: 'MX', expected: '10 mx.example' };
    expect(toDefinition(fromDefinition(d))).toEqual(d);
  });
});
