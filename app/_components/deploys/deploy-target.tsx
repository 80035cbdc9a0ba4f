import type { DeployRow } from '@/lib/server/deploys/store';

/** "api → production · v1.4.2": what was deployed where. Environment and version when known. */
export function DeployTarget({
  deploy,
}: {
  deploy: Pick<DeployRow, 'service' | 'environment' | 'version'> & { partial?: boolean };
}) {
  return (
    <span className="break-words">
      <span className="font-semibold">{deploy.service}</span>
      {deploy.environment && (
        <>
          <span aria-hidden="true"> → </span>
          <span className="sr-only"> to </span>
          {deploy.environment}
        </>
      )}
      {deploy.version && (
        <>
          {' · '}
          <span className="font-mono text-[0.95em]">{deploy.version}</span>
        </>
      )}
    </span>
  );
}
