/**
 * A self-signed ECDSA P-256 certificate for 127.0.0.1 and localhost that expires when asked, so the
 * demo (and the tests) can show a certificate close to expiry without waiting months.
 */
// tsyringe, used inside @peculiar/x509, needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export interface TestCertificate {
  cert: string;
  key: string;
  notAfter: Date;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export async function selfSignedCertificate(options: { expiresInMs: number; validForMs?: number }): Promise<TestCertificate> {
  const crypto = webcrypto as unknown as Crypto;
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const notAfter = new Date(Date.now() + options.expiresInMs);
  const notBefore = new Date(notAfter.getTime() - (options.validForMs ?? 90 * 24 * 3600 * 1000));
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Date.now().toString(16),
      name: 'CN=localhost',
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      keys,
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ]),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END PRIVATE KEY-----\n`;
  return { cert: certificate.toString('pem'), key, notAfter };
}
