#!/usr/bin/env node
// signalboard-notify: reports a CI deploy to Signalboard's signed deploy webhook. Dependency-free
// (Node >= 20) so a CI job can run it straight from a checkout. `signalboard-notify --help` for usage.
import { EXIT, USAGE, UsageError, parseCommandLine } from './notify/args.mjs';
import { removeState, resolveConfig, writeState } from './notify/config.mjs';
import { runCommand } from './notify/run.mjs';
import { deliver } from './notify/send.mjs';

const MESSAGE_MAX = 4000;
const STEP_NAME_MAX = 60;
const PREFIX = 'signalboard-notify:';

function logger(quiet) {
  return {
    info: (line) => quiet || process.stderr.write(`${PREFIX} ${line}\n`),
    warn: (line) => process.stderr.write(`${PREFIX} warning: ${line}\n`),
  };
}

const compact = (object) =>
  Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
const clip = (text, max) => (text === undefined || text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Sends reports for one deploy. A report that cannot be delivered is a warning, never an exception:
 * the CI job must not fail because the dashboard is down; `failed()` tells whether any was lost.
 */
function createReporter(config, log) {
  let failed = false;
  const missing = !config.server
    ? 'SIGNALBOARD_URL is not set'
    : !config.secret
      ? 'SIGNALBOARD_DEPLOY_SECRET is not set'
      : !config.deployId
        ? `no deploy id (call \`start\` first in this directory, or set SIGNALBOARD_DEPLOY_ID)`
        : null;
  return {
    failed: () => failed,
    async report(fields, what) {
      if (missing) {
        if (!failed) log.warn(`${missing}; not reporting to Signalboard`);
        failed = true;
        return;
      }
      const body = compact({
        deployId: config.deployId,
        service: config.service,
        environment: config.environment,
        ...fields,
        message: clip(fields.message, MESSAGE_MAX),
      });
      const outcome = await deliver(config, body, log);
      if (!outcome.ok) {
        failed = true;
        log.warn(`could not report ${what}: ${outcome.error}`);
      } else if (outcome.result?.deploys?.[0]?.outcome === 'ignored') {
        log.warn(`deploy ${config.deployId} had already ended; ${what} was ignored`);
      } else {
        log.info(`${what}${outcome.result?.duplicate ? ' (already received)' : ''}`);
      }
    },
  };
}

/** Later calls find the deploy through the state file; a write failure only costs that convenience. */
function tryState(action, log) {
  try {
    action();
  } catch (error) {
    log.warn(`state file: ${error.message}`);
  }
}

async function start({ flags, config, log, reporter }) {
  const { deployId, service, environment, ci } = config;
  tryState(() => writeState(process.cwd(), { deployId, service, environment }), log);
  await reporter.report(
    {
      status: 'started',
      version: flags.version,
      commit: flags.commit ?? ci.commit,
      triggeredBy: ci.triggeredBy,
      url: flags.url ?? ci.url,
      message: flags.message,
    },
    `deploy ${deployId} started (${service} → ${environment ?? 'production'})`,
  );
}

async function run({ flags, log, reporter, commandLine }) {
  const shown = commandLine.join(' ');
  const step = flags.step ?? clip(shown, STEP_NAME_MAX);
  // The command starts at once: a slow or absent dashboard must not delay the CI job.
  const reported = reporter.report(
    { status: 'in_progress', step, percent: flags.percent, message: clip(`$ ${shown}`, 500) },
    `step "${step}" running`,
  );
  const result = await runCommand(commandLine);
  await reported;
  const seconds = (result.ms / 1000).toFixed(1);
  if (result.exitCode !== 0) {
    const how = result.error
      ? `could not start (${result.error})`
      : result.signal
        ? `was stopped by ${result.signal}`
        : `failed with exit code ${result.exitCode}`;
    const status = result.signal === 'SIGINT' || result.signal === 'SIGTERM' ? 'cancelled' : 'failure';
    const tail = result.tail ? `\n${result.tail}` : '';
    await reporter.report(
      { status, step, message: `${step} ${how} after ${seconds} s${tail}` },
      `deploy ${status} at "${step}"`,
    );
    tryState(() => removeState(process.cwd()), log);
    return result.exitCode;
  }
  if (flags.complete) {
    await reporter.report(
      { status: 'success', step, message: `${step} succeeded in ${seconds} s` },
      'deploy succeeded',
    );
    tryState(() => removeState(process.cwd()), log);
  }
  return EXIT.OK;
}

const COMMANDS = {
  start,
  progress: ({ flags, reporter }) =>
    reporter.report(
      { status: 'in_progress', step: flags.step, percent: flags.percent, message: flags.message },
      `step "${flags.step}"${flags.percent === undefined ? '' : ` at ${flags.percent} %`}`,
    ),
  complete: async ({ flags, log, reporter }) => {
    await reporter.report(
      { status: flags.status, url: flags.url, message: flags.message },
      `deploy ${flags.status}`,
    );
    tryState(() => removeState(process.cwd()), log);
  },
  run,
};

async function main(argv) {
  let parsed;
  let config;
  try {
    parsed = parseCommandLine(argv);
    if (parsed.help) {
      process.stdout.write(USAGE);
      return EXIT.OK;
    }
    config = resolveConfig(parsed.command, parsed.flags, process.env, process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${PREFIX} ${error.message}\nRun \`signalboard-notify --help\` for usage.\n`);
    return EXIT.USAGE;
  }
  const log = logger(config.quiet);
  const reporter = createReporter(config, log);
  const code = (await COMMANDS[parsed.command]({ ...parsed, config, log, reporter })) ?? EXIT.OK;
  if (code === EXIT.OK && reporter.failed() && config.strict) return EXIT.NOT_DELIVERED;
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // A bug here must not fail the CI job either, unless the caller asked for strictness.
    process.stderr.write(`${PREFIX} warning: unexpected error: ${error?.stack ?? error}\n`);
    process.exitCode = /^(1|true|yes|on)$/i.test(process.env.SIGNALBOARD_STRICT ?? '')
      ? EXIT.NOT_DELIVERED
      : EXIT.OK;
  },
);
