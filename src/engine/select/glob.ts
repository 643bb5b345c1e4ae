/**
 * Shell-style wildcards as selectors use them: `*` matches any run of characters, `?` one
 * character, `[abc]` or `[a-z]` one character of a set and `[!abc]` one character outside it.
 * An unclosed `[` is an ordinary character. Matching is case-sensitive.
 *
 * Path patterns keep `*`, `?` and negated sets inside one path segment and let `**` span any
 * number of segments, so `models/*` names the entries of `models` and `models/**` everything
 * below it.
 */

/** A compiled pattern: a predicate over whole strings. */
export type GlobMatcher = (text: string) => boolean;

/** How a pattern treats `/`. */
export interface GlobOptions {
  /** Treat `/` as a segment separator that only `**` crosses. */
  readonly pathSegments?: boolean;
}

/** True when the pattern holds a wildcard character, so it matches more than its own text. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

/** Compiles a pattern once; plain text compiles to an equality test. */
export function globMatcher(pattern: string, options: GlobOptions = {}): GlobMatcher {
  if (!hasWildcard(pattern)) return (text) => text === pattern;
  const regex = globToRegExp(pattern, options);
  return (text) => regex.test(text);
}

/** The anchored regular expression equivalent to a pattern. */
export function globToRegExp(pattern: string, options: GlobOptions = {}): RegExp {
  const paths = options.pathSegments === true;
  const anyRun = paths ? '[^/]*' : '[\\s\\S]*';
  const anyOne = paths ? '[^/]' : '[\\s\\S]';
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === '*' && paths && pattern.charAt(i + 1) === '*') {
      const slash = pattern.charAt(i + 2) === '/';
      out += slash ? '(?:[\\s\\S]*/)?' : '[\\s\\S]*';
      i += slash ? 3 : 2;
      continue;
    }
    if (ch === '*') {
      out += anyRun;
    } else if (ch === '?') {
      out += anyOne;
    } else if (ch === '[') {
      const set = readSet(pattern, i, paths);
      if (set) {
        out += set.regex;
        i = set.end;
        continue;
      }
      out += '\\[';
    } else {
      out += escapeRegExp(ch);
    }
    i += 1;
  }
  return new RegExp(`^${out}$`);
}

/** Reads `[...]` starting at `start`; undefined when the bracket never closes. */
function readSet(
  pattern: string,
  start: number,
  paths: boolean,
): { regex: string; end: number } | undefined {
  let i = start + 1;
  const negated = pattern.charAt(i) === '!';
  if (negated) i += 1;
  // A `]` right after the opening bracket belongs to the set, as in fnmatch.
  const close = pattern.indexOf(']', pattern.charAt(i) === ']' ? i + 1 : i);
  if (close < 0) return undefined;

  const body = pattern
    .slice(i, close)
    .replace(/[\\\]^[]/g, '\\$&')
    .replace(/-$/, '\\-');
  const extra = negated && paths ? '/' : '';
  const regex = `[${negated ? '^' : ''}${body}${extra}]`;
  return isValidRegExp(regex) ? { regex, end: close + 1 } : undefined;
}

/** A reversed range such as `[z-a]` is no set at all; the bracket is then taken literally. */
function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
