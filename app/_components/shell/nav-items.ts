/** The dashboard's pages, in menu order, with their `g <key>` keyboard shortcut. */
export interface NavItem {
  href: string;
  label: string;
  /** Second key of the "g" chord. */
  shortcut: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', shortcut: 'o' },
  { href: '/deploys', label: 'Deploys', shortcut: 'd' },
  { href: '/logs', label: 'Logs', shortcut: 'l' },
  { href: '/uptime', label: 'Uptime', shortcut: 'u' },
  { href: '/sensors', label: 'Sensors', shortcut: 's' },
  { href: '/chat', label: 'Chat', shortcut: 'c' },
  { href: '/live-metrics', label: 'Metrics', shortcut: 'm' },
  { href: '/transports', label: 'Transports', shortcut: 't' },
];

export function isActive(item: NavItem, pathname: string): boolean {
  return item.href === '/'
    ? pathname === '/'
    : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
