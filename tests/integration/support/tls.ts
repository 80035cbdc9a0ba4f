import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
// tsyringe, inside @peculiar/x509, needs the Reflect metadata API loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, written as PEM files. */
export async function testCertificate(): Promise<{ cert: string; key: string; certPem: string }> {
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=localhost',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tls-'));
  const certPem = cert.toString('pem');
  const keyPem = x509.PemConverter.encode(
    await webcrypto.subtle.exportKey('pkcs8', keys.privateKey),
    'PRIVATE KEY',
  );
  fs.writeFileSync(path.join(dir, 'cert.pem'), certPem);
  fs.writeFileSync(path.join(dir, 'key.pem'), keyPem, { mode: 0o600 });
  return { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem'), certPem };
}
