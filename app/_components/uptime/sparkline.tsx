/**
 * A tiny response-time sparkline as plain SVG (no chart library: a list of hundreds of monitors stays
 * cheap). Failed checks are red ticks along the bottom.
 */
export function Sparkline({ values, label, width = 120, height = 28 }: { values: readonly (number | null)[]; label: string; width?: number; height?: number }) {
  if (values.length < 2) return <span className="text-xs text-slate-400">no data yet</span>;
  const numbers = values.filter((v): v is number => v !== null);
  const max = Math.max(1, ...numbers);
  const step = width / (values.length - 1);
  const y = (v: number) => height - 3 - (v / max) * (height - 6);
  let path = '';
  values.forEach((v, i) => {
    if (v === null) return;
    path += `${path === '' || values[i - 1] === null ? 'M' : 'L'}${(i * step).toFixed(1)},${y(v).toFixed(1)}`;
  });
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="overflow-visible">
      <path d={path} fill="none" strokeWidth={1.5} className="stroke-sky-500" />
      {values.map((v, i) => (v === null ? <rect key={i} x={i * step - 1} y={height - 3} width={2} height={3} className="fill-rose-500" /> : null))}
    </svg>
  );
}
