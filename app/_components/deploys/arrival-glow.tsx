/**
 * The brief highlight of something that just arrived, as an overlay: the item keeps its own
 * background, and nothing moves. Put it inside a `relative` element.
 */
export function ArrivalGlow({ show }: { show: boolean | undefined }) {
  if (!show) return null;
  return (
    <span
      aria-hidden="true"
      data-arrived
      className="motion-safe:animate-arrive pointer-events-none absolute inset-0 rounded-[inherit]"
    />
  );
}
