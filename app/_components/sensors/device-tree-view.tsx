import Link from 'next/link';
import type { TreeNode } from '@/lib/client/sensors/device-tree';
import { STATE_DOT } from './sensor-style';

const LEVEL_NAMES = ['site', 'floor', 'room'];

function Counts({ node }: { node: TreeNode }) {
  const { total, online, silent, offline } = node.counts;
  return (
    <span className="ml-auto shrink-0 text-xs text-slate-500 tabular-nums dark:text-slate-400">
      {online}/{total}
      {silent > 0 && <span className="ml-1 text-amber-700 dark:text-amber-300">· {silent} silent</span>}
      {offline > 0 && <span className="ml-1 text-rose-700 dark:text-rose-400">· {offline} off</span>}
    </span>
  );
}

function Branch({
  node,
  depth,
  hrefFor,
  selected,
}: {
  node: TreeNode;
  depth: number;
  hrefFor: (filter: string) => string;
  selected: string;
}) {
  const active = selected === node.filter;
  return (
    <li>
      <Link
        href={hrefFor(node.filter)}
        aria-current={active ? 'true' : undefined}
        title={`Select ${node.filter}`}
        className={`flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${active ? 'bg-sky-50 font-semibold text-sky-800 dark:bg-sky-400/10 dark:text-sky-300' : ''}`}
      >
        <span
          aria-hidden="true"
          className={`size-2 shrink-0 rounded-full ${STATE_DOT[node.counts.offline > 0 ? 'offline' : node.counts.silent > 0 ? 'silent' : 'online']}`}
        />
        <span className="truncate">{node.name}</span>
        {depth < LEVEL_NAMES.length && <span className="sr-only">({LEVEL_NAMES[depth]})</span>}
        <Counts node={node} />
      </Link>
      {node.children.length > 0 && (
        <ul className="ml-3 border-l border-slate-200 pl-1 dark:border-slate-800">
          {node.children.map((child) => (
            <Branch key={child.topic} node={child} depth={depth + 1} hrefFor={hrefFor} selected={selected} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Sites › floors › rooms with how many devices are online in each; a click selects that subtree. */
export function DeviceTreeView({
  root,
  hrefFor,
  selected,
}: {
  root: TreeNode;
  hrefFor: (filter: string) => string;
  selected: string;
}) {
  return (
    <nav aria-label="Places">
      <ul className="space-y-0.5">
        <li>
          <Link
            href={hrefFor('sensors/#')}
            aria-current={selected === 'sensors/#' ? 'true' : undefined}
            className={`flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${selected === 'sensors/#' ? 'bg-sky-50 font-semibold text-sky-800 dark:bg-sky-400/10 dark:text-sky-300' : ''}`}
          >
            All places
            <Counts node={root} />
          </Link>
        </li>
        {root.children.map((child) => (
          <Branch key={child.topic} node={child} depth={0} hrefFor={hrefFor} selected={selected} />
        ))}
      </ul>
    </nav>
  );
}
