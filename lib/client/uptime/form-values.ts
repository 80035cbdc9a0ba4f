/**
 * The monitor form's values (all strings, as inputs hold them) and their conversion to the API's JSON
 * and back. Empty optional fields are left out so the server applies its defaults. Pure: unit-tested.
 */
export interface FormValues {
  name: string;
  type: 'http' | 'tcp' | 'dns' | 'push';
  intervalSeconds: string;
  timeoutSeconds: string;
  retries: string;
  retryIntervalSeconds: string;
  public: boolean;
  url: string;
  method: string;
  acceptedStatusCodes: string;
  keyword: string;
  invertKeyword: boolean;
  jsonPath: string;
  jsonPathOperator: string;
  expectedValue: string;
  maxRedirects: string;
  tlsExpiryWarningDays: string;
  ignoreTlsErrors: boolean;
  host: string;
  port: string;
  recordType: string;
  expected: string;
  resolver: string;
}

export const EMPTY_FORM: FormValues = {
  name: '',
  type: 'http',
  intervalSeconds: '60',
  timeoutSeconds: '',
  retries: '1',
  retryIntervalSeconds: '',
  public: false,
  url: '',
  method: 'GET',
  acceptedStatusCodes: '200-299',
  keyword: '',
  invertKeyword: false,
  jsonPath: '',
  jsonPathOperator: '==',
  expectedValue: '',
  maxRedirects: '10',
  tlsExpiryWarningDays: '14',
  ignoreTlsErrors: false,
  host: '',
  port: '',
  recordType: 'A',
  expected: '',
  resolver: '',
};

const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s.trim());

/** The API body; numbers that do not parse are sent as text so the server names the field. */
export function toDefinition(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { name: v.name.trim(), type: v.type, public: v.public };
  const put = (key: string, value: string, asNumber = false) => {
    if (value.trim() !== '') out[key] = asNumber ? num(value) : value.trim();
  };
  put('intervalSeconds', v.intervalSeconds, true);
  put('timeoutSeconds', v.timeoutSeconds, true);
  put('retries', v.retries, true);
  put('retryIntervalSeconds', v.retryIntervalSeconds, true);
  if (v.type === 'http') {
    put('url', v.url);
    out.method = v.method;
    const codes = v.acceptedStatusCodes.split(',').map((c) => c.trim()).filter(Boolean);
    if (codes.length) out.acceptedStatusCodes = codes;
    if (v.keyword !== '') {
      out.keyword = v.keyword;
      out.invertKeyword = v.invertKeyword;
    }
    if (v.jsonPath.trim() !== '') {
      out.jsonPath = v.jsonPath.trim();
      out.jsonPathOperator = v.jsonPathOperator;
      out.expectedValue = v.expectedValue;
    }
    put('maxRedirects', v.maxRedirects, true);
    put('tlsExpiryWarningDays', v.tlsExpiryWarningDays, true);
    out.ignoreTlsErrors = v.ignoreTlsErrors;
  } else if (v.type === 'tcp') {
    put('host', v.host);
    put('port', v.port, true);
  } else if (v.type === 'dns') {
    put('host', v.host);
    out.recordType = v.recordType;
    put('expected', v.expected);
    put('resolver', v.resolver);
  }
  return out;
}

const str = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;

/** Form values from a stored definition (the edit page). */
export function fromDefinition(d: Record<string, unknown>): FormValues {
  return {
    ...EMPTY_FORM,
    name: str(d.name),
    type: (d.type as FormValues['type']) ?? 'http',
    intervalSeconds: str(d.intervalSeconds, '60'),
    timeoutSeconds: str(d.timeoutSeconds),
    retries: str(d.retries, '0'),
    retryIntervalSeconds: str(d.retryIntervalSeconds),
    public: d.public === true,
    url: str(d.url),
    method: str(d.method, 'GET'),
    acceptedStatusCodes: Array.isArray(d.acceptedStatusCodes) ? (d.acceptedStatusCodes as string[]).join(', ') : '200-299',
    keyword: str(d.keyword),
    invertKeyword: d.invertKeyword === true,
    jsonPath: str(d.jsonPath),
    jsonPathOperator: str(d.jsonPathOperator, '=='),
    expectedValue: str(d.expectedValue),
    maxRedirects: str(d.maxRedirects, '10'),
    tlsExpiryWarningDays: str(d.tlsExpiryWarningDays, '14'),
    ignoreTlsErrors: d.ignoreTlsErrors === true,
    host: str(d.host),
    port: str(d.port),
    recordType: str(d.recordType, 'A'),
    expected: str(d.expected),
    resolver: str(d.resolver),
  };
}
