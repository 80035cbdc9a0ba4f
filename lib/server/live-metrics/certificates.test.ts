import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateManager, generateCertificate } from './certificates';

const DAY = 24 * 3600 * 1000;

describe('live metrics certificates', () => {
  it('generates an ECDSA P-256 certificate valid under 14 days, hashed as SHA-256 of its DER', async () => {
    const now = Date.UTC(2026, 0, 1);
    const served = await generateCertificate(['127.0.0.1', 'localhost'], 13 * DAY, now);
    const cert = new x509.X509Certificate(served.certPem);
    expect(cert.publicKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    const span = cert.notAfter.getTime() - cert.notBefore.getTime();
    expect(span).toBeLessThanOrEqual(14 * DAY);
    expect(span).toBe(13 * DAY);
    expect(served.sha256).toBe(createHash('sha256').update(Buffer.from(cert.rawData)).digest('base64'));
    expect(served.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => n.value)).toEqual(['127.0.0.1', 'localhost']);
  });

  it('serves the next hash beside the current one in the overlap window, then switches', async () => {
    let now = Date.UTC(2026, 0, 1);
    const manager = new CertificateManager({ now: () => now, checkEveryMs: 3_600_000 });
    const first = await manager.start();
    const seen: string[] = [];
    manager.onRotate((cert) => seen.push(cert.sha256));
    expect(manager.hashes()).toEqual([first.sha256]);

    now += 8 * DAY; // before the overlap (switch at 10 days, overlap from 9)
    await manager.check();
    expect(manager.hashes()).toEqual([first.sha256]);

    now += 1.5 * DAY; // inside the overlap
    await manager.check();
    const [current, next] = manager.hashes();
    expect(current).toBe(first.sha256);
    expect(next).toBeDefined();

    now += 1 * DAY; // past the switch
    await manager.check();
    expect(manager.current.sha256).toBe(next);
    expect(manager.hashes()).toEqual([next]);
    expect(seen).toEqual([next]);
    manager.stop();
  });

  it('rotates on demand, and never rotates an operator certificate (whose hash it does not serve)', async () => {
    const manager = new CertificateManager();
    const first = await manager.start();
    const second = await manager.rotateNow();
    expect(second.sha256).not.toBe(first.sha256);
    expect(manager.hashes()).toEqual([second.sha256]);
    manager.stop();

    const own = await generateCertificate(['example.test'], 90 * DAY, Date.now());
    const operator = new CertificateManager({ operator: { certPem: own.certPem, keyPem: own.keyPem } });
    await operator.start();
    expect(operator.mode).toBe('operator');
    expect(operator.hashes()).toEqual([]);
    expect((await operator.rotateNow()).sha256).toBe(own.sha256);
    operator.stop();
  });
});
