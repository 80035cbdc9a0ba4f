import 'server-only';

/** Longest pattern accepted: long enough for any real search, short enough to reason about. */
export const MAX_PATTERN_LENGTH = 500;

export type PatternResult = { ok: true; regex: RegExp } | { ok: false; error: string };

/**
 * A quantified group that itself contains a quantifier, such as `(a+)+` or `(\w*x)*`: the shape of
 * patterns whose backtracking grows exponentially with the input (ReDoS). JavaScript's engine has
 * no time limit, and these patterns run on the server against every line, so they are refused.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,?\d*\})/;
const BACK_REFERENCE = /\\[1-9]|\\k</;

/**
 * Compiles a user's search pattern: case-insensitive, as people type "error" meaning ERROR too.
 * Refuses (with the reason, for a 400) a pattern that does not compile, is too long, or could take
 * exponential time.
 */
export function compilePattern(source: string, name = 'regex'): PatternResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return { ok: false, error: `${name} is longer than ${MAX_PATTERN_LENGTH} characters.` };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'i');
  } catch (error) {
    return { ok: false, error: `${name} is not a valid regular expression: ${(error as Error).message}` };
  }
  if (NESTED_QUANTIFIER.test(source) || BACK_REFERENCE.test(source)) {
    return {
      ok: false,
      error: `${name} has a nested quantifier or a back-reference, which can take exponential time; simplify it (e.g. "(a+)+" → "a+").`,
    };
  }
  return { ok: true, regex };
}
