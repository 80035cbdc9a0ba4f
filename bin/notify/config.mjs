// Where the notifier's settings come from: flags first, then the environment, then the CI system's own
// variables, then the state file that `start` leaves in the working directory.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, boundedInt, httpUrl } from './args.mjs';

export const STATE_FILE = '.signalboard-deploy';
const ID_PATTERN = /^[\w.:\-/]{1,200}$/;

const statePath = (cwd) => path.join(cwd, STATE_FILE);

export function readState(cwd) {
  try {
    const state = JSON.parse(fs.readFileSync(statePath(cwd), 'utf8'));
    return state && typeof state.deployId === 'string' && ID_PATTERN.test(state.deployId) ? state : null;
  } catch {
    return null;
  }
}

export function writeState(cwd, state) {
  fs.writeFileSync(statePath(cwd), `${JSON.stringify(state)}\n`);
}

export function removeState(cwd) {
  fs.rmSync(statePath(cwd), { force: true });
}

const truthy = (value) => /^(1|true|yes|on)$/i.test(value ?? '');
const clean = (value) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** The id the CI system gives this run, so every job of it reports to the same deploy. */
function ciDeployId(env, service) {
  let base;
  if (env.GITHUB_RUN_ID) base = `gh-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`;
  else if (env.CI_PIPELINE_ID) base = `gl-${env.CI_PIPELINE_ID}`;
  else if (env.BUILD_TAG)
    base = env.BUILD_TAG; // Jenkins: jenkins-<job>-<number>
  else if (env.BUILD_ID) base = `build-${env.BUILD_ID}`;
  if (!base) return undefined;
  // One run may deploy several services (a matrix): each gets its own deploy.
  const id = service ? `${base}-${service}` : base;
  return id.replace(/[^\w.:\-/]+/g, '-').slice(0, 200);
}

/** Details the CI system knows about the run, used by `start` when no flag gives them. */
function ciDetails(env) {
  const github = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY;
  const url = github
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : clean(env.CI_PIPELINE_URL ?? env.BUILD_URL);
  return {
    commit: clean(env.GITHUB_SHA ?? env.CI_COMMIT_SHA ?? env.GIT_COMMIT)?.slice(0, 12),
    triggeredBy: clean(env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.BUILD_USER_ID),
    // The dashboard refuses a report whose url is not http(s): better none than a lost report.
    url: url && /^https?:\/\/\S+$/.test(url) ? url : undefined,
    service: clean(env.GITHUB_REPOSITORY?.split('/')[1] ?? env.CI_PROJECT_NAME),
  };
}

/**
 * Resolves everything a command needs. A missing server URL, secret or deploy id is not an error here
 * (the caller warns and skips reporting, and `run` still runs its command); malformed values are.
 */
export function resolveConfig(command, flags, env, cwd) {
  const state = command === 'start' ? null : readState(cwd);
  const ci = ciDetails(env);
  const server = clean(flags.server ?? env.SIGNALBOARD_URL);
  if (server) httpUrl(server, flags.server ? '--server' : 'SIGNALBOARD_URL');
  const service =
    clean(flags.service ?? env.SIGNALBOARD_SERVICE) ??
    state?.service ??
    (command === 'start' ? ci.service : undefined);
  const environment = clean(flags.environment ?? env.SIGNALBOARD_ENVIRONMENT) ?? state?.environment;

  const given = clean(flags['deploy-id'] ?? env.SIGNALBOARD_DEPLOY_ID);
  if (given && !ID_PATTERN.test(given)) {
    throw new UsageError(`deploy id "${given}" may contain only letters, digits and . _ : - / (at most 200)`);
  }
  let deployId = given ?? state?.deployId ?? ciDeployId(env, service);
  if (!deployId && command === 'start')
    deployId = `deploy-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  if (command === 'start' && !service) {
    throw new UsageError('start: --service (or SIGNALBOARD_SERVICE) is required to open a deploy');
  }
  return {
    server: server?.replace(/\/+$/, ''),
    secret: clean(flags.secret ?? env.SIGNALBOARD_DEPLOY_SECRET ?? env.DEPLOY_WEBHOOK_SECRET),
    deployId,
    service,
    environment,
    ci,
    strict: Boolean(flags.strict) || truthy(env.SIGNALBOARD_STRICT),
    quiet: Boolean(flags.quiet),
    attempts: boundedInt(
      flags.attempts ?? env.SIGNALBOARD_ATTEMPTS,
      flags.attempts ? '--attempts' : 'SIGNALBOARD_ATTEMPTS',
      1,
      20,
      5,
    ),
    timeoutMs:
      1000 *
      boundedInt(
        flags.timeout ?? env.SIGNALBOARD_TIMEOUT,
        flags.timeout ? '--timeout' : 'SIGNALBOARD_TIMEOUT',
        1,
        120,
        10,
      ),
    backoffMs: boundedInt(env.SIGNALBOARD_BACKOFF_MS, 'SIGNALBOARD_BACKOFF_MS', 1, 60_000, 1000),
  };
}
