import { notFound } from 'next/navigation';
import { DeployTimeline } from '../../../_components/deploys/deploy-timeline';
import { loadDeployDetail } from '../../../_components/deploys/load-deploys';

type Params = { params: Promise<{ id: string }> };

/** The id as the link wrote it: `encodeURIComponent`-ed ids (generic ones may hold `/` or `:`) too. */
function lookup(raw: string) {
  const direct = loadDeployDetail(raw);
  if (direct || !raw.includes('%')) return direct;
  try {
    return loadDeployDetail(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Params) {
  const detail = lookup((await params).id);
  return {
    title: detail ? `Deploy ${detail.deploy.service} · ${detail.deploy.environment}` : 'Deploy not found',
  };
}

/** One deploy's timeline, from the store at render time, then live. */
export default async function DeployPage({ params }: Params) {
  const detail = lookup((await params).id);
  if (!detail) notFound();
  const { loadedAt, ...initial } = detail;
  return <DeployTimeline key={`${initial.deploy.id}@${loadedAt}`} initial={initial} loadedAt={loadedAt} />;
}
