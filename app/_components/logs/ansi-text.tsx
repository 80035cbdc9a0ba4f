import { parseAnsi, type AnsiSegment } from '@/lib/client/logs/ansi';
import { ANSI_BG, ANSI_FG } from './styles';

/** Classes and inline colours of a segment's style (palette colours by class, others by value). */
function look(segment: AnsiSegment): { className: string; style?: React.CSSProperties } {
  const style = segment.style;
  if (!style) return { className: '' };
  let { fg, bg } = style;
  if (style.inverse) [fg, bg] = [bg ?? 0, fg ?? 7];
  const classes: string[] = [];
  const inline: React.CSSProperties = {};
  if (typeof fg === 'number') classes.push(ANSI_FG[fg] ?? '');
  else if (fg) inline.color = fg;
  if (typeof bg === 'number') classes.push(ANSI_BG[bg] ?? '');
  else if (bg) inline.backgroundColor = bg;
  if (style.bold) classes.push('font-bold');
  if (style.dim) classes.push('opacity-70');
  if (style.italic) classes.push('italic');
  if (style.underline) classes.push('underline');
  if (style.strike) classes.push('line-through');
  return { className: classes.join(' '), style: Object.keys(inline).length ? inline : undefined };
}

const MARK = 'rounded-sm bg-yellow-300 text-slate-950 dark:bg-yellow-400/80';

/**
 * A log line with its ANSI colours, as text in spans (never HTML), with `ranges` of the text
 * (offsets into the line without escapes) marked as search matches.
 */
export function AnsiText({ line, ranges }: { line: string; ranges?: readonly [number, number][] }) {
  const segments = parseAnsi(line);
  const out: React.ReactNode[] = [];
  let offset = 0;
  let r = 0;
  segments.forEach((segment, s) => {
    const { className, style } = look(segment);
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (ranges && r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges?.[r];
      const inRange = range !== undefined && range[0] <= at;
      const stop = Math.min(end, range === undefined ? end : inRange ? range[1] : range[0]);
      const text = segment.text.slice(at - offset, stop - offset);
      const key = `${s}-${at}`;
      if (inRange) {
        out.push(
          <mark key={key} className={`${className} ${MARK}`} style={style}>
            {text}
          </mark>,
        );
      } else if (className || style) {
        out.push(
          <span key={key} className={className} style={style}>
            {text}
          </span>,
        );
      } else {
        out.push(text);
      }
      at = stop;
    }
    offset = end;
  });
  return <>{out}</>;
}
