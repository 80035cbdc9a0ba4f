import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Signalboard', template: '%s · Signalboard' },
  description: 'Live operations dashboard: deploys, logs, uptime, sensors, chat and metrics.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#020617' };

/** Applies the saved theme before first paint, so a light-theme user never sees a dark flash. */
const themeScript = `try{var t=localStorage.getItem('sb-theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" data-theme="dark" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
