import 'server-only';
import { headers } from 'next/headers';
import type { SiteAddress } from './panels';

/** This server's address as the browser reached it (through a proxy when it says so). */
export async function siteAddress(): Promise<SiteAddress> {
  const h = await headers();
  const host = (h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000').split(',')[0]!.trim();
  const proto = (h.get('x-forwarded-proto') ?? 'http').split(',')[0]!.trim() === 'https' ? 'https' : 'http';
  try {
    const url = new URL(`${proto}://${host}`);
    return { origin: url.origin, hostname: url.hostname };
  } catch {
    // A malformed Host header: the snippets fall back to localhost.
    return { origin: 'http://localhost:3000', hostname: 'localhost' };
  }
}
