import { TRANSPORT_FACTS } from '@/lib/transports/comparison';
import { TRANSPORT_IDS, type TransportFigures, type TransportId } from '@/lib/transports/report';
import type { Cell } from '@/lib/client/transports/cells';
import { FACT_ROWS, MEASURED_ROWS, type ComparisonRow } from './comparison-rows';

/** What the measured cells show: figures, or a placeholder while there are none. */
export type Figures = { byId: Map<TransportId, TransportFigures>; windowSeconds: number } | 'loading';

const CELL = 'px-3 py-2 align-top text-sm';
const GROUP =
  'bg-slate-50 px-3 py-1.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase dark:bg-slate-900 dark:text-slate-400';

function measured(
  row: Extract<ComparisonRow, { kind: 'measured' }>,
  id: TransportId,
  figures: Figures,
): Cell {
  if (figures === 'loading') return { text: 'measuring…', measured: false };
  const f = figures.byId.get(id);
  return f ? row.cell(f, figures.windowSeconds) : { text: 'not reported', measured: false };
}

function CellText({ cell }: { cell: Cell }) {
  return (
    <>
      <span
        className={
          cell.measured
            ? 'font-medium text-slate-900 tabular-nums dark:text-slate-100'
            : 'text-slate-500 italic dark:text-slate-400'
        }
      >
        {cell.text}
      </span>
      {cell.detail && (
        <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{cell.detail}</span>
      )}
    </>
  );
}

/**
 * The comparison as a table (columns are transports) from the `md` breakpoint, and as one card per
 * transport below it, so a phone never scrolls sideways. Static facts first, then measured figures.
 */
export function TransportsTable({ figures, stale }: { figures: Figures; stale: boolean }) {
  const dim = stale ? 'opacity-60' : '';
  return (
    <>
      <div
        className={`hidden overflow-x-auto rounded-lg border border-slate-200 md:block dark:border-slate-800 ${dim}`}
      >
        <table
          data-testid="transports-table"
          className="w-full min-w-[48rem] border-collapse bg-white dark:bg-slate-900/60"
        >
          <caption className="sr-only">
            WebSocket, Server-Sent Events, WebTransport and MQTT compared, with figures measured on this
            server
          </caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th scope="col" className={`${CELL} w-44 text-left font-semibold`}>
                <span className="sr-only">Property</span>
              </th>
              {TRANSPORT_IDS.map((id) => (
                <th key={id} scope="col" className={`${CELL} text-left font-semibold`}>
                  {TRANSPORT_FACTS[id].name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="colgroup" colSpan={5} className={GROUP}>
                Measured now on this server
              </th>
            </tr>
            {MEASURED_ROWS.map((row) => (
              <tr
                key={row.id}
                data-row={row.id}
                className="border-b border-slate-100 dark:border-slate-800/70"
              >
                <th
                  scope="row"
                  className={`${CELL} text-left font-medium text-slate-600 dark:text-slate-300`}
                >
                  {row.label}
                </th>
                {TRANSPORT_IDS.map((id) => (
                  <td key={id} data-cell={`${row.id}-${id}`} className={CELL}>
                    {row.kind === 'measured' && <CellText cell={measured(row, id, figures)} />}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="colgroup" colSpan={5} className={GROUP}>
                The protocols
              </th>
            </tr>
            {FACT_ROWS.map((row) => (
              <tr
                key={row.id}
                data-row={row.id}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800/70"
              >
                <th
                  scope="row"
                  className={`${CELL} text-left font-medium text-slate-600 dark:text-slate-300`}
                >
                  {row.label}
                </th>
                {TRANSPORT_IDS.map((id) => (
                  <td key={id} className={`${CELL} text-slate-700 dark:text-slate-300`}>
                    {row.kind === 'fact' && row.fact(TRANSPORT_FACTS[id])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={`space-y-4 md:hidden ${dim}`}>
        {TRANSPORT_IDS.map((id) => (
          <section
            key={id}
            aria-labelledby={`transport-card-${id}`}
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900/60"
          >
            <h2 id={`transport-card-${id}`} className="font-semibold">
              {TRANSPORT_FACTS[id].name}
            </h2>
            <dl className="mt-2 space-y-2 text-sm">
              {[...MEASURED_ROWS, ...FACT_ROWS].map((row) => (
                <div key={row.id}>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">{row.label}</dt>
                  <dd>
                    {row.kind === 'measured' ? (
                      <CellText cell={measured(row, id, figures)} />
                    ) : (
                      <span className="text-slate-700 dark:text-slate-300">
                        {row.fact(TRANSPORT_FACTS[id])}
                      </span>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </>
  );
}
