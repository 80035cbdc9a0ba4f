import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The custom server (server.ts) owns the HTTP server; Next only renders pages and route handlers.
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Node-only packages stay outside the route-handler bundles.
  serverExternalPackages: ['better-sqlite3', 'prom-client', 'ioredis'],
  typedRoutes: false,
};

export default nextConfig;
