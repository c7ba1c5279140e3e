/**
 * The OData `$filter` subset Microsoft Graph accepts on the collections we
 * simulate, parsed and really evaluated: eq ne gt ge lt le, and or not,
 * parentheses, `in (...)`, startswith/endswith/contains, nested paths such as
 * status/errorCode, and any()/all() lambdas (`signInEventTypes/any(t: t eq 'x')`).
 * String comparisons are case-insensitive, as Graph's are for directory data.
 */

export class ODataError extends Error {
  /** The Graph error code to answer with. */
  constructor(
    message: string,
    readonly code: string = 'BadRequest',
  ) {
    super(message);
    this.name = 'ODataError';
  }
}

type LiteralType = 'string' | 'number' | 'boolean' | 'null' | 'datetime' | 'guid';
type ComparisonOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Operand =
  | { kind: 'path'; segments: string[] }
  | { kind: 'literal'; type: LiteralType; value: string | number | boolean | null }
  | { kind: 'call'; name: string; args: Operand[] };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'compare'; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: 'in'; left: Operand; values: Operand[] }
  | { kind: 'lambda'; quantifier: 'any' | 'all'; collection: string[]; variable: string; body: FilterExpr }
  | { kind: 'bool'; operand: Operand };

interface Token {
  type: 'word' | 'string' | 'number' | 'datetime' | 'guid' | '(' | ')' | ',' | ':';
  text: string;
  at: number;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === ':') {
      tokens.push({ type: c, text: c, at: i });
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= input.length) throw new ODataError(`Unterminated string literal at position ${i}.`);
        const d = input.charAt(j);
        if (d === "'") {
          if (input.charAt(j + 1) === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += d;
        j++;
      }
      tokens.push({ type: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const rest = input.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      tokens.push({ type: 'guid', text: guid[0], at: i });
      i += guid[0].length;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt && dt[0].length >= 10) {
      tokens.push({ type: 'datetime', text: dt[0], at: i });
      i += dt[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ type: 'number', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_$@][\w$@./#]*/.exec(rest);
    if (word) {
      tokens.push({ type: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    throw new ODataError(`Syntax error at position ${i} in filter clause.`);
  }
  return tokens;
}

const COMPARISONS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains', 'tolower', 'toupper']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpr {
    const expr = this.parseOr();
    const extra = this.peek();
    if (extra) throw new ODataError(`Syntax error: unexpected '${extra.text}' at position ${extra.at}.`);
    return expr;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private take(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new ODataError('Syntax error: the filter clause ends too early.');
    return t;
  }

  private expect(type: Token['type']): Token {
    const t = this.take();
    if (t.type !== type) throw new ODataError(`Syntax error: expected '${type}' at position ${t.at}.`);
    return t;
  }

  private isWord(t: Token | undefined, word: string): boolean {
    return t !== undefined && t.type === 'word' && t.text.toLowerCase() === word;
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parseUnary();
    while (this.isWord(this.peek(), 'and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpr {
    if (this.isWord(this.peek(), 'not')) {
      this.take();
      return { kind: 'not', expr: this.parseUnary() };
    }
    const t = this.peek();
    if (t?.type === '(') {
      this.take();
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterExpr {
    const start = this.peek();
    // collection/any(x: ...) and collection/all(x: ...)
    if (start?.type === 'word' && /\/(any|all)$/i.test(start.text) && this.peek(1)?.type === '(') {
      this.take();
      const slash = start.text.lastIndexOf('/');
      const quantifier = start.text.slice(slash + 1).toLowerCase() as 'any' | 'all';
      this.expect('(');
      const variable = this.expect('word').text;
      this.expect(':');
      const body = this.parseOr();
      this.expect(')');
      return { kind: 'lambda', quantifier, collection: start.text.slice(0, slash).split('/'), variable, body };
    }
    const left = this.parseOperand();
    const opToken = this.peek();
    if (opToken?.type === 'word' && COMPARISONS.has(opToken.text.toLowerCase())) {
      this.take();
      return { kind: 'compare', op: opToken.text.toLowerCase() as ComparisonOp, left, right: this.parseOperand() };
    }
    if (this.isWord(opToken, 'in')) {
      this.take();
      this.expect('(');
      const values: Operand[] = [this.parseOperand()];
      while (this.peek()?.type === ',') {
        this.take();
        values.push(this.parseOperand());
      }
      this.expect(')');
      return { kind: 'in', left, values };
    }
    if (left.kind === 'call' || left.kind === 'path') return { kind: 'bool', operand: left };
    throw new ODataError(`Syntax error: expected a comparison at position ${start?.at ?? 0}.`);
  }

  private parseOperand(): Operand {
    const t = this.take();
    switch (t.type) {
      case 'string':
        return { kind: 'literal', type: 'string', value: t.text };
      case 'number':
        return { kind: 'literal', type: 'number', value: Number(t.text) };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: t.text };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: t.text };
      case 'word': {
        const lower = t.text.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'literal', type: 'boolean', value: lower === 'true' };
        if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
        if (this.peek()?.type === '(') {
          if (!FUNCTIONS.has(lower)) throw new ODataError(`Unsupported function '${t.text}' in filter clause.`);
          this.take();
          const args: Operand[] = [];
          if (this.peek()?.type !== ')') {
            args.push(this.parseOperand());
            while (this.peek()?.type === ',') {
              this.take();
              args.push(this.parseOperand());
            }
          }
          this.expect(')');
          return { kind: 'call', name: lower, args };
        }
        return { kind: 'path', segments: t.text.split('/') };
      }
      default:
        throw new ODataError(`Syntax error: unexpected '${t.text}' at position ${t.at}.`);
    }
  }
}

export function parseFilter(input: string): FilterExpr {
  const tokens = tokenize(input);
  if (tokens.length === 0) throw new ODataError('The filter clause is empty.');
  return new Parser(tokens).parse();
}

/** Property paths the expression reads (lambda variables resolved to their collection). */
export function filterPaths(expr: FilterExpr, scope: ReadonlyMap<string, string> = new Map()): string[] {
  const fromOperand = (o: Operand): string[] => {
    if (o.kind === 'path') {
      const [head, ...tail] = o.segments;
      const base = head !== undefined ? scope.get(head) : undefined;
      if (base !== undefined) return tail.length > 0 ? [`${base}/${tail.join('/')}`] : [base];
      return [o.segments.join('/')];
    }
    if (o.kind === 'call') return o.args.flatMap(fromOperand);
    return [];
  };
  switch (expr.kind) {
    case 'and':
    case 'or':
      return [...filterPaths(expr.left, scope), ...filterPaths(expr.right, scope)];
    case 'not':
      return filterPaths(expr.expr, scope);
    case 'compare':
      return [...fromOperand(expr.left), ...fromOperand(expr.right)];
    case 'in':
      return [...fromOperand(expr.left), ...expr.values.flatMap(fromOperand)];
    case 'bool':
      return fromOperand(expr.operand);
    case 'lambda': {
      const collection = expr.collection.join('/');
      const inner = new Map(scope);
      inner.set(expr.variable, collection);
      return [collection, ...filterPaths(expr.body, inner)];
    }
  }
}

type Value = string | number | boolean | null | undefined | readonly unknown[] | object;

function resolvePath(record: unknown, segments: readonly string[], scope: ReadonlyMap<string, unknown>): Value {
  const [head, ...tail] = segments;
  let current: unknown = head !== undefined && scope.has(head) ? scope.get(head) : record;
  const walk = head !== undefined && scope.has(head) ? tail : segments;
  for (const segment of walk) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current as Value;
}

function evaluateOperand(o: Operand, record: unknown, scope: ReadonlyMap<string, unknown>): { value: Value; type?: LiteralType } {
  switch (o.kind) {
    case 'literal':
      return { value: o.value, type: o.type };
    case 'path':
      return { value: resolvePath(record, o.segments, scope) };
    case 'call': {
      const args = o.args.map((a) => evaluateOperand(a, record, scope).value);
      const str = (v: Value): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
      const [a, b] = [str(args[0]), str(args[1])];
      switch (o.name) {
        case 'startswith':
          return { value: a !== undefined && b !== undefined && a.startsWith(b) };
        case 'endswith':
          return { value: a !== undefined && b !== undefined && a.endsWith(b) };
        case 'contains':
          return { value: a !== undefined && b !== undefined && a.includes(b) };
        case 'tolower':
          return { value: typeof args[0] === 'string' ? args[0].toLowerCase() : null };
        case 'toupper':
          return { value: typeof args[0] === 'string' ? args[0].toUpperCase() : null };
        default:
          throw new ODataError(`Unsupported function '${o.name}'.`);
      }
    }
  }
}

function compare(op: ComparisonOp, left: { value: Value; type?: LiteralType }, right: { value: Value; type?: LiteralType }): boolean {
  let l = left.value;
  let r = right.value;
  if (l === undefined) l = null;
  if (r === undefined) r = null;
  if (left.type === 'datetime' || right.type === 'datetime') {
    if (l === null || r === null) return op === 'ne' ? l !== r : op === 'eq' && l === r;
    const lt = Date.parse(String(l));
    const rt = Date.parse(String(r));
    return order(op, lt - rt);
  }
  if (l === null || r === null) {
    if (op === 'eq') return l === r;
    if (op === 'ne') return l !== r;
    return false;
  }
  if (typeof l === 'string' && typeof r === 'string') {
    const a = l.toLowerCase();
    const b = r.toLowerCase();
    return order(op, a < b ? -1 : a > b ? 1 : 0);
  }
  if (typeof l === 'number' && typeof r === 'number') return order(op, l - r);
  if (typeof l === 'boolean' && typeof r === 'boolean') return op === 'eq' ? l === r : op === 'ne' ? l !== r : false;
  // Mismatched types (e.g. number property compared with a string) never match, like Graph's typed comparison.
  return op === 'ne';
}

function order(op: ComparisonOp, diff: number): boolean {
  switch (op) {
    case 'eq':
      return diff === 0;
    case 'ne':
      return diff !== 0;
    case 'gt':
      return diff > 0;
    case 'ge':
      return diff >= 0;
    case 'lt':
      return diff < 0;
    case 'le':
      return diff <= 0;
  }
}

export function evaluateFilter(expr: FilterExpr, record: unknown, scope: ReadonlyMap<string, unknown> = new Map()): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateFilter(expr.left, record, scope) && evaluateFilter(expr.right, record, scope);
    case 'or':
      return evaluateFilter(expr.left, record, scope) || evaluateFilter(expr.right, record, scope);
    case 'not':
      return !evaluateFilter(expr.expr, record, scope);
    case 'compare':
      return compare(expr.op, evaluateOperand(expr.left, record, scope), evaluateOperand(expr.right, record, scope));
    case 'in': {
      const left = evaluateOperand(expr.left, record, scope);
      return expr.values.some((v) => compare('eq', left, evaluateOperand(v, record, scope)));
    }
    case 'bool':
      return evaluateOperand(expr.operand, record, scope).value === true;
    case 'lambda': {
      const items = resolvePath(record, expr.collection, scope);
      if (!Array.isArray(items)) return expr.quantifier === 'all';
      const test = (item: unknown): boolean => {
        const inner = new Map(scope);
        inner.set(expr.variable, item);
        return evaluateFilter(expr.body, record, inner);
      };
      return expr.quantifier === 'any' ? items.some(test) : items.every(test);
    }
  }
}
