import 'server-only';
import { createHash, webcrypto } from 'node:crypto';
// tsyringe, inside @peculiar/x509, needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

const DAY = 24 * 3600 * 1000;

/** A certificate the WebTransport listener can present, with its private key, both PEM. */
export interface ServedCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the DER certificate, base64: what `serverCertificateHashes` carries. */
  sha256: string;
  notBefore: Date;
  notAfter: Date;
  /** False for a certificate the operator configured (validated by the browser's trust store). */
  selfSigned: boolean;
}

export interface CertificateManagerOptions {
  /**
   * Lifetime of a generated certificate. Browsers accept `serverCertificateHashes` only for ECDSA
   * P-256 certificates valid for at most 14 days (W3C WebTransport, "custom certificate
   * requirements"); 13 leaves a day of margin for clock skew.
   */
  validityMs: number;
  /** A certificate is replaced this long before it expires. */
  renewBeforeMs: number;
  /** The next certificate is made, and its hash served beside the current one, this long before the switch. */
  overlapMs: number;
  /** How often the schedule is checked (robust to sleep and clock changes, unlike one long timer). */
  checkEveryMs: number;
  /** A certificate from the operator (e.g. from a CA for a real host name): used as is, never rotated. */
  operator?: { certPem: string; keyPem: string };
  /** Host names and addresses written into the subjectAltName of generated certificates. */
  hosts: string[];
  now: () => number;
}

export const DEFAULT_CERTIFICATE_OPTIONS: CertificateManagerOptions = {
  validityMs: 13 * DAY,
  renewBeforeMs: 3 * DAY,
  overlapMs: DAY,
  checkEveryMs: 10 * 60 * 1000,
  hosts: ['localhost', '127.0.0.1', '::1'],
  now: () => Date.now(),
};

const IP = /^(\d{1,3}\.){3}\d{1,3}$|:/;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Generates a self-signed ECDSA P-256 certificate valid from a minute ago for `validityMs`. */
export async function generateCertificate(
  hosts: string[],
  validityMs: number,
  now: number,
): Promise<ServedCertificate> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  // Back-dated a minute for clocks slightly behind ours; the whole span stays within validityMs.
  const notBefore = new Date(now - 60_000);
  const notAfter = new Date(now - 60_000 + validityMs);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: createHash('sha256').update(`${now}:${Math.random()}`).digest('hex').slice(0, 16),
    name: 'CN=Signalboard live metrics',
    notBefore,
    notAfter,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) =>
          IP.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h },
        ),
      ),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certPem: cert.toString('pem'),
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    sha256: createHash('sha256').update(Buffer.from(cert.rawData)).digest('base64'),
    notBefore,
    notAfter,
    selfSigned: true,
  };
}

function operatorCertificate(certPem: string, keyPem: string): ServedCertificate {
  const cert = new x509.X509Certificate(certPem);
  return {
    certPem,
    keyPem,
    sha256: createHash('sha256').update(Buffer.from(cert.rawData)).digest('base64'),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    selfSigned: false,
  };
}

/**
 * The WebTransport listener's certificate: an operator's when configured, else a short-lived
 * self-signed one, replaced `renewBeforeMs` before it expires. The replacement is made `overlapMs`
 * earlier and its hash is served beside the current one, so a page that fetched the hashes just
 * before the switch still connects just after it. Listeners hear about each switch and use the new
 * certificate for new connections; connections already open keep theirs.
 */
export class CertificateManager {
  private readonly options: CertificateManagerOptions;
  private currentCert: ServedCertificate | null = null;
  private nextCert: ServedCertificate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(cert: ServedCertificate) => void>();
  private busy: Promise<void> = Promise.resolve();

  constructor(options: Partial<CertificateManagerOptions> = {}) {
    this.options = { ...DEFAULT_CERTIFICATE_OPTIONS, ...options };
  }

  async start(): Promise<ServedCertificate> {
    const { operator } = this.options;
    this.currentCert = operator
      ? operatorCertificate(operator.certPem, operator.keyPem)
      : await generateCertificate(this.options.hosts, this.options.validityMs, this.options.now());
    if (!operator) {
      this.timer = setInterval(() => void this.check(), this.options.checkEveryMs);
      this.timer.unref();
    }
    return this.currentCert;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get current(): ServedCertificate {
    if (!this.currentCert) throw new Error('CertificateManager not started');
    return this.currentCert;
  }

  get mode(): 'self-signed' | 'operator' {
    return this.options.operator ? 'operator' : 'self-signed';
  }

  /** Hashes a page passes as `serverCertificateHashes`: the current certificate and, near a switch, the next. */
  hashes(): string[] {
    if (!this.currentCert || !this.currentCert.selfSigned) return [];
    return [this.currentCert.sha256, ...(this.nextCert ? [this.nextCert.sha256] : [])];
  }

  onRotate(listener: (cert: ServedCertificate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Switches to a new certificate now (admin action and tests); returns it. */
  async rotateNow(): Promise<ServedCertificate> {
    await this.serialised(async () => {
      if (this.options.operator) return;
      this.nextCert ??= await this.generate();
      this.promote();
    });
    return this.current;
  }

  /** One look at the schedule: make the next certificate in the overlap window, switch when due. */
  async check(): Promise<void> {
    await this.serialised(async () => {
      const cert = this.currentCert;
      if (!cert || this.options.operator) return;
      const switchAt = cert.notAfter.getTime() - this.options.renewBeforeMs;
      const now = this.options.now();
      if (!this.nextCert && now >= switchAt - this.options.overlapMs) this.nextCert = await this.generate();
      if (now >= switchAt) this.promote();
    });
  }

  private generate(): Promise<ServedCertificate> {
    return generateCertificate(this.options.hosts, this.options.validityMs, this.options.now());
  }

  private promote(): void {
    if (!this.nextCert) return;
    this.currentCert = this.nextCert;
    this.nextCert = null;
    for (const listener of this.listeners) listener(this.currentCert);
  }

  private serialised(run: () => Promise<void>): Promise<void> {
    const next = this.busy.then(run, run);
    this.busy = next.catch((error: unknown) =>
      console.error('[webtransport] certificate rotation failed:', error),
    );
    return next;
  }
}
