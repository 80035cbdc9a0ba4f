import { formatPercent } from '@/lib/client/deploys/deploy-format';
import { STATUS_FILL, asStatus } from './status-style';

/** A deploy's progress, readable by screen readers (role progressbar with its value and label). */
export function ProgressBar({ percent, status, label }: { percent: number; status: string; label: string }) {
  const value = Math.max(0, Math.min(100, percent));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={formatPercent(value)}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <div
        className={`h-full rounded-full transition-[width] duration-500 ease-out motion-reduce:transition-none ${STATUS_FILL[asStatus(status)]}`}
        style={{ width: `${value}%` }}
      />
    </div>
  );
}
