// Command-line parsing and validation for signalboard-notify. Everything wrong with what the caller
// passed becomes a UsageError (exit 2) before anything is sent or run.
import { parseArgs } from 'node:util';

export const EXIT = { OK: 0, USAGE: 2, NOT_DELIVERED: 3 };
export const FINAL_STATUSES = ['success', 'failure', 'cancelled'];

export const USAGE = `Usage: signalboard-notify <command> [options]

Reports a deploy to Signalboard's signed webhook (POST <url>/api/webhooks/deploy).

Commands:
  start     [--service S] [--environment E] [--version V] [--commit C] [--url U] [--message M]
            Opens the deploy and saves its id in ./.signalboard-deploy for the later calls.
  progress  --step NAME [--percent 0-100] [--message M]
            Reports the step now running (starting a step ends the previous one).
  complete  --status success|failure|cancelled [--url U] [--message M]
            Ends the deploy and removes ./.signalboard-deploy.
  run       [--step NAME] [--percent 0-100] [--complete] -- <command> [args...]
            Reports the step, runs the command with its output passed through, reports a failure
            with the last lines of output when it exits non-zero (and success with --complete when
            it succeeds), then exits with the command's own exit code.

Options (any command), and the environment variables that set them:
  --server URL       Signalboard's base URL                        SIGNALBOARD_URL
  --secret S         deploy webhook secret (prefer the variable)   SIGNALBOARD_DEPLOY_SECRET,
                                                                   else DEPLOY_WEBHOOK_SECRET
  --deploy-id ID     deploy id (see below)                         SIGNALBOARD_DEPLOY_ID
  --service S        service; sent with every report so that       SIGNALBOARD_SERVICE
                     whichever arrives first opens the deploy
  --environment E    environment (the dashboard defaults to        SIGNALBOARD_ENVIRONMENT
                     production)
  --attempts N       tries per report, 1-20 (default 5)            SIGNALBOARD_ATTEMPTS
  --timeout SECONDS  per-request timeout, 1-120 (default 10)       SIGNALBOARD_TIMEOUT
  --strict           exit 3 when a report is not delivered         SIGNALBOARD_STRICT=1
  --quiet            print only warnings
  -h, --help         show this text
  Retries (network errors, timeouts, 408/425/429/5xx) wait SIGNALBOARD_BACKOFF_MS (default 1000)
  doubling each time, with jitter, at most 10 s; each is signed anew with the same Idempotency-Key.

Deploy id, when not given: the one \`start\` saved in ./.signalboard-deploy, else the CI run's
(GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT, CI_PIPELINE_ID, BUILD_TAG or BUILD_ID, plus the service), else
\`start\` generates one.

Exit codes:
  0  reported, or not reported because Signalboard is unreachable, refused the report or is not
     configured (a warning says why; a dashboard problem never fails the CI job)
  2  usage error (unknown command or option, bad value)
  3  not reported, with --strict
  run: the command's exit code (127 when it cannot start, 128+N when killed by signal N); 3 only when
     the command succeeded and a report was not delivered with --strict.
`;

export class UsageError extends Error {}

const COMMON = {
  server: { type: 'string' },
  secret: { type: 'string' },
  'deploy-id': { type: 'string' },
  service: { type: 'string' },
  environment: { type: 'string' },
  attempts: { type: 'string' },
  timeout: { type: 'string' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};
const text = { type: 'string' };
const COMMANDS = {
  start: { version: text, commit: text, url: text, message: text },
  progress: { step: text, percent: text, message: text },
  complete: { status: text, url: text, message: text },
  run: { step: text, percent: text, complete: { type: 'boolean' } },
};

/** Parses argv (without node and the script) into `{ help }` or `{ command, flags, commandLine }`. */
export function parseCommandLine(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help')
    return { help: true };
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
  const separator = rest.indexOf('--');
  const own = separator === -1 ? rest : rest.slice(0, separator);
  const commandLine = separator === -1 ? [] : rest.slice(separator + 1);
  let values;
  try {
    ({ values } = parseArgs({
      args: own,
      options: { ...COMMON, ...COMMANDS[command] },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${command}: ${error.message}`);
  }
  if (values.help) return { help: true };
  return { command, flags: values, commandLine: validate(command, values, commandLine) };
}

function validate(command, flags, commandLine) {
  for (const [name, value] of Object.entries(flags)) {
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} must not be empty`);
  }
  if (flags.percent !== undefined) flags.percent = percent(flags.percent);
  for (const name of ['url', 'server']) {
    if (flags[name] !== undefined) httpUrl(flags[name], `--${name}`);
  }
  if (flags.step !== undefined && flags.step.length > 200)
    throw new UsageError('--step must be at most 200 characters');
  if (command === 'progress' && flags.step === undefined)
    throw new UsageError('progress: --step is required');
  if (command === 'complete' && !FINAL_STATUSES.includes(flags.status)) {
    throw new UsageError(`complete: --status must be one of ${FINAL_STATUSES.join(', ')}`);
  }
  if (command === 'run' && commandLine.length === 0)
    throw new UsageError('run: give the command after --, e.g. run -- npm test');
  if (command !== 'run' && commandLine.length > 0)
    throw new UsageError(`${command}: unexpected arguments after --`);
  return commandLine;
}

export function percent(value) {
  const number = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || number > 100)
    throw new UsageError(`--percent must be a number from 0 to 100 (got "${value}")`);
  return number;
}

export function httpUrl(value, name) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${name} must be an http(s) URL (got "${value}")`);
  return value;
}

/** A whole number in [min, max] from a flag or environment variable, or the fallback when unset. */
export function boundedInt(value, name, min, max, fallback) {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return number;
}
