/**
 * CSS math functions (`calc()`, `min()`, `clamp()`, `round()`, `sin()`, `pi`…) inside a colour's
 * channels, evaluated as Chromium evaluates them when it parses the colour: `rgb(calc(255 / 2) 0 0)`
 * is rgb(127.5 0 0), `hsl(calc(120deg + 30deg) 50% 50%)` a hue of 150deg. colorjs.io 0.7.1 reads
 * none of them (it threw, or kept `calc` as a channel's text), so resvg drew them black.
 *
 * Only the types a colour's channels take are known here: numbers, percentages and angles (in
 * degrees). Their arithmetic is CSS Values 4's, as Chromium checks it (probed): `+`, `-`, min() and
 * the like take one type (`calc(50% + 10)` is dropped), `*` needs a number on one side, `/` a number
 * or the same type on the right, and `+`/`-` need whitespace around them (`calc(1+2)` is dropped). A relative
 * colour's channel keywords (`r`, `h`, `alpha`…) are numbers, so `calc(h + 30deg)` is dropped too.
 *
 * Linear in the text (one pass of a sticky pattern, then a parser that reads each token once) and
 * nested to {@link MAX_DEPTH}: a stranger's 1 MiB of `calc(` costs one pass and ends in `invalid`.
 */

export type MathType = 'n' | '%' | 'a';

export interface Typed {
  value: number;
  type: MathType;
  /**
   * A function inside with no value when a mark is drawn alone (`random`, `sibling-index`: they
   * depend on the page around the element); the type is still known, the value is NaN.
   */
  unknown?: string;
}

/** A math function's outcome: its type and value, or `invalid` where Chromium drops the colour (types that do not add up, bad syntax). */
export type MathResult = Typed | 'invalid';

/** Brackets and functions nested deeper than this are not read (Chromium reads 100; no mark needs 32). */
const MAX_DEPTH = 32;

const ANGLE_UNITS: ReadonlyMap<string, number> = new Map([
  ['deg', 1],
  ['rad', 180 / Math.PI],
  ['grad', 0.9],
  ['turn', 360],
]);

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['e', Math.E],
  ['pi', Math.PI],
  ['infinity', Number.POSITIVE_INFINITY],
  ['-infinity', Number.NEGATIVE_INFINITY],
  ['nan', Number.NaN],
]);

const TRIGONOMETRY: ReadonlyMap<string, (value: number) => number> = new Map([
  ['sin', Math.sin],
  ['cos', Math.cos],
  ['tan', Math.tan],
  ['asin', Math.asin],
  ['acos', Math.acos],
  ['atan', Math.atan],
]);

/** The keywords a function takes as an argument of its own. */
const KEYWORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['round', ['nearest', 'up', 'down', 'to-zero']],
  ['clamp', ['none']],
]);

interface Token {
  kind: 'number' | 'ident' | 'function' | 'delim';
  text: string;
  value?: number;
  unit?: string;
  space: boolean;
}

// One alternative per token kind; the number's digits are one run before the point and one after,
// so no input makes it backtrack.
const TOKEN = /(\s+)|([+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)(%|[a-z]+)?|(-{0,2}[a-z_][a-z0-9_-]*)(\()?|([()*/+,-])/iy;

function tokensOf(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let space = false;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (match === null) return undefined;
    const [, blank, digits, unit, ident, call, delim] = match;
    if (blank !== undefined) {
      space = true;
      continue;
    }
    if (digits !== undefined) tokens.push({ kind: 'number', text: match[0], value: Number(digits), unit: unit?.toLowerCase(), space });
    else if (ident !== undefined) tokens.push({ kind: call === undefined ? 'ident' : 'function', text: ident.toLowerCase(), space });
    else tokens.push({ kind: 'delim', text: delim!, space });
    space = false;
  }
  return tokens;
}

class Invalid extends Error {}
const invalid = (): never => {
  throw new Invalid();
};

/** Reads one math function's tokens; channel keywords are numbers from `keywords`. */
class Parser {
  private index = 0;
  private depth = 0;
  /** The first function read that has no value here. */
  unknown: string | undefined;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly keywords: ReadonlyMap<string, number>,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++] ?? invalid();
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind !== 'delim' || token.text !== text) invalid();
  }

  /** The whole input: one function call. */
  whole(): Typed {
    const token = this.next();
    if (token.kind !== 'function') invalid();
    const result = this.call(token.text);
    if (this.index !== this.tokens.length) invalid();
    return result;
  }

  /** A sum: products joined by `+` or `-`, each with whitespace on both sides. */
  private sum(): Typed {
    let left = this.product();
    for (let token = this.peek(); token?.kind === 'delim' && (token.text === '+' || token.text === '-'); token = this.peek()) {
      this.index += 1;
      const after = this.peek();
      if (!token.space || after === undefined || !after.space) invalid();
      const right = this.product();
      if (right.type !== left.type) invalid();
      left = { value: token.text === '+' ? left.value + right.value : left.value - right.value, type: left.type };
    }
    return left;
  }

  private product(): Typed {
    let left = this.value();
    for (let token = this.peek(); token?.kind === 'delim' && (token.text === '*' || token.text === '/'); token = this.peek()) {
      this.index += 1;
      const right = this.value();
      if (token.text === '*') {
        if (left.type !== 'n' && right.type !== 'n') invalid();
        left = { value: left.value * right.value, type: left.type === 'n' ? right.type : left.type };
      } else {
        // Two of one type divide to a number (probed: hsl(calc(10deg / 2deg) 50% 50%) is a hue of 5).
        if (right.type !== 'n' && right.type !== left.type) invalid();
        left = { value: left.value / right.value, type: right.type === 'n' ? left.type : 'n' };
      }
    }
    return left;
  }

  private value(): Typed {
    const token = this.next();
    if (token.kind === 'number') {
      if (token.unit === undefined) return { value: token.value!, type: 'n' };
      if (token.unit === '%') return { value: token.value!, type: '%' };
      const degrees = ANGLE_UNITS.get(token.unit);
      // A length, a time or no unit at all has no place in a colour.
      return degrees === undefined ? invalid() : { value: token.value! * degrees, type: 'a' };
    }
    if (token.kind === 'ident') {
      const constant = CONSTANTS.get(token.text) ?? this.keywords.get(token.text);
      return constant === undefined ? invalid() : { value: constant, type: 'n' };
    }
    if (token.kind === 'function') return this.call(token.text);
    if (token.text === '(') {
      const inner = this.nested(() => this.sum());
      this.expect(')');
      return inner;
    }
    return invalid();
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) invalid();
    const result = read();
    this.depth -= 1;
    return result;
  }

  /** The comma-separated arguments up to the closing bracket, each a sum (or a keyword `allow` lets through). */
  private arguments(allow: (word: string) => boolean): Array<Typed | string> {
    return this.nested(() => {
      const list: Array<Typed | string> = [];
      for (;;) {
        const token = this.peek();
        const after = this.tokens[this.index + 1];
        if (token?.kind === 'ident' && allow(token.text) && after?.kind === 'delim' && (after.text === ',' || after.text === ')')) {
          this.index += 1;
          list.push(token.text);
        } else list.push(this.sum());
        const end = this.next();
        if (end.kind !== 'delim') invalid();
        if (end.text === ')') return list;
        if (end.text !== ',') invalid();
      }
    });
  }

  private call(name: string): Typed {
    if (name === 'sibling-index' || name === 'sibling-count') {
      this.expect(')');
      this.unknown ??= name;
      return { value: Number.NaN, type: 'n' };
    }
    const args = this.arguments((word) => KEYWORDS.get(name)?.includes(word) === true || (name === 'random' && word.startsWith('--')));
    const typed = args.filter((arg): arg is Typed => typeof arg !== 'string');
    const count = (...counts: number[]) => counts.includes(args.length) || invalid();
    const alike = () => typed.every((arg) => arg.type === typed[0]!.type) || invalid();
    const numbers = () => typed.every((arg) => arg.type === 'n') || invalid();
    const [a, b, c] = typed as [Typed, Typed, Typed];
    switch (name) {
      case 'calc':
      case '-webkit-calc':
        count(1);
        return a;
      case 'min':
      case 'max': {
        alike();
        // One argument at a time: spread into Math.min, a stranger's 200 000 of them (400 KB) threw
        // RangeError (the call's arguments overflow the stack) out of sanitizeSvg.
        const pick = name === 'min' ? Math.min : Math.max;
        return { value: typed.reduce((value, arg) => pick(value, arg.value), name === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY), type: a.type };
      }
      case 'clamp': {
        count(3);
        if (typed.length === 0 || typeof args[1] === 'string') invalid();
        alike();
        const [low, value, high] = args.map((arg) => (typeof arg === 'string' ? undefined : arg.value));
        return { value: Math.max(low ?? Number.NEGATIVE_INFINITY, Math.min(value!, high ?? Number.POSITIVE_INFINITY)), type: typed[0]!.type };
      }
      case 'round': {
        const strategy = typeof args[0] === 'string' ? args[0] : 'nearest';
        if (args.slice(typeof args[0] === 'string' ? 1 : 0).some((arg) => typeof arg === 'string')) invalid();
        if (typed.length === 1 && a.type !== 'n') invalid();
        if (typed.length !== 1 && typed.length !== 2) invalid();
        alike();
        const step = typed.length === 2 ? b.value : 1;
        const round = strategy === 'up' ? Math.ceil : strategy === 'down' ? Math.floor : strategy === 'to-zero' ? Math.trunc : Math.round;
        return { value: round(a.value / step) * step, type: a.type };
      }
      case 'mod':
      case 'rem':
        count(2);
        alike();
        return { value: name === 'mod' ? a.value - b.value * Math.floor(a.value / b.value) : a.value % b.value, type: a.type };
      case 'abs':
        count(1);
        return { value: Math.abs(a.value), type: a.type };
      case 'sign':
        count(1);
        return { value: Math.sign(a.value), type: 'n' };
      case 'sin':
      case 'cos':
      case 'tan':
        count(1);
        if (a.type === '%') invalid();
        return { value: TRIGONOMETRY.get(name)!(a.type === 'a' ? (a.value * Math.PI) / 180 : a.value), type: 'n' };
      case 'asin':
      case 'acos':
      case 'atan':
        count(1);
        numbers();
        return { value: (TRIGONOMETRY.get(name)!(a.value) * 180) / Math.PI, type: 'a' };
      case 'atan2':
        count(2);
        alike();
        return { value: (Math.atan2(a.value, b.value) * 180) / Math.PI, type: 'a' };
      case 'pow':
        count(2);
        numbers();
        return { value: a.value ** b.value, type: 'n' };
      case 'sqrt':
      case 'exp':
        count(1);
        numbers();
        return { value: name === 'sqrt' ? Math.sqrt(a.value) : Math.exp(a.value), type: 'n' };
      case 'log':
        count(1, 2);
        numbers();
        return { value: typed.length === 2 ? Math.log(a.value) / Math.log(b.value) : Math.log(a.value), type: 'n' };
      case 'hypot':
        alike();
        // Pairwise, as min() and max(): spread, 200 000 arguments overflowed the stack.
        return { value: typed.reduce((value, arg) => Math.hypot(value, arg.value), 0), type: a.type };
      case 'random':
        // random([<dashed-ident>,] min, max [, step]): its type is its bounds' (Chromium 156 drops `per-element` and `by`: probed).
        if (typed.length < 2 || typed.length > 3) invalid();
        alike();
        this.unknown ??= name;
        return { value: Number.NaN, type: a.type };
      case 'progress':
        count(3);
        alike();
        return { value: (a.value - b.value) / (c.value - b.value), type: 'n' };
      default:
        return invalid();
    }
  }
}

/** A math function as its text (`calc(255 / 2)`), with a relative colour's channel keywords. */
export function evaluateMath(text: string, keywords: ReadonlyMap<string, number> = new Map()): MathResult {
  const tokens = tokensOf(text);
  if (tokens === undefined) return 'invalid';
  const parser = new Parser(tokens, keywords);
  try {
    const result = parser.whole();
    return parser.unknown === undefined ? result : { ...result, unknown: parser.unknown };
  } catch (error) {
    if (error instanceof Invalid) return 'invalid';
    throw error;
  }
}
