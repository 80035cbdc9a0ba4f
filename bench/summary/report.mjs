// The one table of every benchmark: markdown for people, JSON for tools.

const fmt = (v) => {
  if (v === null || v === undefined) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};
const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const mark = (met) => (met === true ? '✓' : met === false ? '✗' : '');

/**
 * @param {object} summary
 * @param {{ startedAt: string, finishedAt: string, machine: string, command: string, quick: boolean }} summary.meta
 * @param {{ name: string, status: 'ok'|'failed', reason?: string, seconds: number|null, results?: string, how?: string, rows: object[] }[]} summary.benchmarks
 */
export function markdown({ meta, benchmarks }) {
  const failed = benchmarks.filter((b) => b.status !== 'ok').length;
  const lines = [
    '# Benchmarks: every figure, its peer and the ratio',
    '',
    `${meta.startedAt} → ${meta.finishedAt} · ${meta.machine} · ${meta.quick ? 'quick (short runs, fewer rounds: for checking, not for quoting)' : 'full runs'} · command: \`${meta.command}\``,
    '',
    `${benchmarks.length} benchmark${benchmarks.length === 1 ? '' : 's'}, ${failed} failed. Ratio = Signalboard ÷ peer; where a benchmark has no peer, the peer is the issue's bound and the ratio is the figure ÷ the bound. Each benchmark's own table (every run, flags explained) is in \`bench/results/<name>.md\`.`,
    '',
    '| benchmark | figure | Signalboard | peer | peer value | ratio | target | met | flags |',
    '|---|---|---:|---|---:|---:|---|:---:|---|',
  ];
  for (const b of benchmarks) {
    if (b.status !== 'ok') {
      lines.push(`| ${b.name} | **failed**: ${cell(b.reason ?? 'unknown')} | | | | | | ✗ | |`);
      continue;
    }
    if (b.rows.length === 0) {
      lines.push(
        `| ${b.name} | ran, but no figures could be read (${cell(b.how ?? '')}); see bench/results/${b.name}.md | | | | | | | |`,
      );
      continue;
    }
    for (const r of b.rows) {
      lines.push(
        `| ${b.name} | ${cell(r.figure)} | ${fmt(r.value)} | ${cell(r.peer ?? '—')} | ${fmt(r.peerValue)} | ${r.ratio === null ? '—' : `${fmt(r.ratio)}×`} | ${cell(r.target ?? '')} | ${mark(r.met)} | ${cell((r.flags ?? []).join(', '))} |`,
      );
    }
  }
  const timed = benchmarks.filter((b) => b.seconds !== null);
  if (timed.length)
    lines.push(
      '',
      `Seconds per benchmark: ${timed.map((b) => `${b.name} ${Math.round(b.seconds)}`).join(' · ')}.`,
    );
  else lines.push('', 'Collected from the results already in bench/results (nothing was run).');
  lines.push('');
  return lines.join('\n');
}

export function json(summary) {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
