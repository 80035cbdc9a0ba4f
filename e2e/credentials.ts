/** The administrator the e2e server is started with (see playwright.config.ts). */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' } as const;
