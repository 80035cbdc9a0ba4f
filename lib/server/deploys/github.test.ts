import { sign, verify } from '@octokit/webhooks-methods';
import examples from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import { verifyGenericSignature, verifyGithubSignature, hmacHex } from '../webhooks/signatures';
import { mapGithubEvent } from './github';
import { mapGitlabEvent } from './gitlab';

type Example = { name: string; examples: Record<string, unknown>[] };
const byName = (name: string) => (examples as unknown as Example[]).find((e) => e.name === name)!.examples;

describe('GitHub signatures', () => {
  it('accepts what GitHub signs and refuses a wrong secret or a changed body', async () => {
    const body = JSON.stringify(byName('ping')[0]);
    const header = await sign('s3cret-s3cret', body);
    expect(await verify('s3cret-s3cret', body, header)).toBe(true);
    expect(verifyGithubSignature(['s3cret-s3cret'], body, header)).toBe(true);
    expect(verifyGithubSignature(['other-secret'], body, header)).toBe(false);
    expect(verifyGithubSignature(['s3cret-s3cret'], `${body} `, header)).toBe(false);
    expect(verifyGithubSignature(['s3cret-s3cret'], body, null)).toBe(false);
    expect(verifyGithubSignature(['s3cret-s3cret'], body, 'sha1=abc')).toBe(false);
  });
});

describe('generic signatures', () => {
  const now = 1_800_000_000;
  const body = '{"deployId":"x"}';
  const signature = `sha256=${hmacHex('k', `${now}.${body}`)}`;

  it('accepts a fresh signature over "<timestamp>.<body>"', () => {
    expect(verifyGenericSignature(['k'], body, String(now), signature, now + 10)).toEqual({ ok: true });
  });

  it('refuses stale timestamps, wrong signatures and missing headers', () => {
    expect(verifyGenericSignature(['k'], body, String(now), signature, now + 301).ok).toBe(false);
    expect(verifyGenericSignature(['k'], body, String(now), signature, now - 301).ok).toBe(false);
    expect(verifyGenericSignature(['k'], `${body} `, String(now), signature, now).ok).toBe(false);
    expect(verifyGenericSignature(['k'], body, null, signature, now).ok).toBe(false);
    expect(verifyGenericSignature(['k'], body, 'soon', signature, now).ok).toBe(false);
  });
});

describe('mapGithubEvent with real GitHub payloads', () => {
  it('maps every workflow_run, workflow_job, deployment and deployment_status example', () => {
    for (const name of ['workflow_run', 'workflow_job', 'deployment', 'deployment_status']) {
      for (const payload of byName(name)) {
        const mapped = mapGithubEvent(name, payload);
        expect(mapped.kind, `${name} ${JSON.stringify(mapped)}`).toMatch(/updates|ignored/);
      }
    }
  });

  it('turns a failed job into steps with their states', () => {
    const failed = byName('workflow_job').find(
      (p) => (p.workflow_job as { conclusion: string | null }).conclusion === 'failure',
    )!;
    const mapped = mapGithubEvent('workflow_job', failed);
    expect(mapped.kind).toBe('updates');
    if (mapped.kind !== 'updates') return;
    const [update] = mapped.updates;
    expect(update).toMatchObject({
      deployId: 'github-run-2202229078',
      status: 'in_progress',
      step: 'linters',
      stepStatus: 'failure',
    });
    expect(update!.steps!.length).toBeGreaterThan(3);
    expect(update!.steps![0]).toMatchObject({ name: 'linters › Set up job', status: 'success' });
  });

  it('answers ping, ignores unused events and reports a broken payload by field', () => {
    expect(mapGithubEvent('ping', byName('ping')[0])).toEqual({ kind: 'ping' });
    expect(mapGithubEvent('star', {})).toMatchObject({ kind: 'ignored' });
    const broken = mapGithubEvent('workflow_run', { action: 'completed', repository: { name: 'x' } });
    expect(broken).toMatchObject({
      kind: 'invalid',
      error: expect.stringContaining('workflow_run') as unknown,
    });
  });
});

describe('mapGitlabEvent', () => {
  it('maps a pipeline with its jobs as steps', () => {
    const mapped = mapGitlabEvent('Pipeline Hook', {
      object_kind: 'pipeline',
      project: { name: 'shop', web_url: 'https://gitlab.example.com/acme/shop' },
      user: { username: 'mona' },
      object_attributes: {
        id: 31,
        ref: 'main',
        sha: 'abcdef1234567890',
        status: 'failed',
        created_at: '2024-05-01 10:00:00 UTC',
        finished_at: '2024-05-01 10:03:00 UTC',
      },
      builds: [
        { name: 'compile', stage: 'build', status: 'success' },
        { name: 'unit', stage: 'test', status: 'failed' },
      ],
    });
    expect(mapped).toMatchObject({
      kind: 'updates',
      updates: [
        {
          deployId: 'gitlab-pipeline-31',
          status: 'failure',
          service: 'shop',
          triggeredBy: 'mona',
          url: 'https://gitlab.example.com/acme/shop/-/pipelines/31',
          at: Date.parse('2024-05-01T10:03:00Z'),
          steps: [
            { name: 'build: compile', status: 'success' },
            { name: 'test: unit', status: 'failure' },
          ],
        },
      ],
    });
  });

  it('reports a broken deployment payload by field', () => {
    expect(mapGitlabEvent('Deployment Hook', { object_kind: 'deployment', status: 'running' })).toMatchObject(
      {
        kind: 'invalid',
      },
    );
  });
});
