import type { Glance } from '@/lib/client/sensors/glance';
import { GLANCE_BOX } from './sensor-style';

/** The page's one-line answer: "41/42 devices online · 1 silent · 1 offline", in words and colour. */
export function SensorsGlance({ glance, extra }: { glance: Glance; extra?: React.ReactNode }) {
  const tone = GLANCE_BOX[glance.tone];
  return (
    <div
      data-sensors-glance={glance.tone}
      className={`flex flex-col items-start gap-x-2 gap-y-0.5 rounded-lg border px-4 py-3 text-base sm:flex-row sm:flex-wrap sm:items-center ${tone.box}`}
    >
      <span className="flex items-center gap-2">
        <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${tone.dot}`} />
        <strong className={`font-semibold ${tone.text}`}>{glance.headline}</strong>
      </span>
      {glance.details.map((d) => (
        <span key={d} className="text-slate-700 dark:text-slate-300">
          <span aria-hidden="true" className="mr-2 hidden text-slate-400 sm:inline">
            ·
          </span>
          {d}
        </span>
      ))}
      {extra}
    </div>
  );
}
