/**
 * Splits JSON text, fed in chunks, into the records it holds without parsing
 * the whole document: a Graph page `{"value":[...], "@odata.nextLink":...}`
 * (several saved pages may follow one another), an array of records (the
 * Entra portal's JSON download), an array of pages, or bare objects one after
 * another. Memory is one record (or one saved page) at a time.
 */

const OPEN_OBJ = 0x7b; // {
const CLOSE_OBJ = 0x7d; // }
const OPEN_ARR = 0x5b; // [
const CLOSE_ARR = 0x5d; // ]
const QUOTE = 0x22; // "
const COLON = 0x3a;
const COMMA = 0x2c;

type Container = 'object' | 'array';

/** Lets the caller count a record without it being parsed (the sign-in pre-filter). */
export interface PassOverHook {
  passOver(text: string): boolean;
  passedOver(): void;
}

export class JsonRecordSplitter {
  private readonly stack: Container[] = [];
  private inString = false;
  private escapePending = false;
  /** A string at depth 1 of a root object that is in key position. */
  private expectKey = false;
  private keyStart = -1;
  private keyParts: string[] = [];
  private lastKey = '';
  /** The root object's "value" array (a Graph page) or "records" array (an Azure Monitor envelope) is open: its elements are records. */
  private inValueArray = false;
  private capturing = false;
  private captureDepth = 0;
  private parts: string[] = [];
  /** Position of the last top-level problem, for the caller's error message. */
  private offset = 0;

  constructor(
    private readonly emit: (value: unknown) => void,
    private readonly hook?: PassOverHook,
  ) {}

  push(chunk: string): void {
    let captureFrom = this.capturing ? 0 : -1;
    let keyFrom = this.keyStart >= 0 ? 0 : -1;
    const n = chunk.length;
    let i = 0;
    let nextBackslash = chunk.indexOf('\\');
    while (i < n) {
      if (this.escapePending) {
        // The previous chunk ended on a backslash inside a string: this character is escaped.
        this.escapePending = false;
        i++;
        continue;
      }
      if (this.inString) {
        const q = chunk.indexOf('"', i);
        // Searching for the next backslash only when passed keeps a chunk linear, not quadratic.
        if (nextBackslash >= 0 && nextBackslash < i) nextBackslash = chunk.indexOf('\\', i);
        const b = nextBackslash;
        if (b >= 0 && (q < 0 || b < q)) {
          if (b + 1 >= n) this.escapePending = true;
          i = b + 2;
          continue;
        }
        if (q < 0) {
          i = n;
          break;
        }
        i = q + 1;
        this.inString = false;
        if (keyFrom >= 0) {
          this.keyParts.push(chunk.slice(keyFrom, q));
          this.lastKey = this.keyParts.join('');
          this.keyParts = [];
          this.keyStart = -1;
          keyFrom = -1;
        }
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === QUOTE) {
        this.inString = true;
        if (this.stack.length === 1 && this.stack[0] === 'object' && this.expectKey) {
          this.keyStart = i + 1;
          keyFrom = i + 1;
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const depth = this.stack.length;
        const kind: Container = c === OPEN_OBJ ? 'object' : 'array';
        if (!this.capturing && c === OPEN_OBJ && this.isRecordLevel(depth)) {
          this.capturing = true;
          this.captureDepth = depth;
          captureFrom = i;
          this.parts = [];
        }
        if (depth === 1 && this.stack[0] === 'object' && kind === 'array' && (this.lastKey === 'value' || this.lastKey === 'records')) {
          // A page: stop holding the page itself; its elements are the records.
          this.inValueArray = true;
          if (this.capturing && this.captureDepth === 0) {
            this.capturing = false;
            this.parts = [];
            captureFrom = -1;
          }
        }
        this.stack.push(kind);
        if (depth === 0 && kind === 'object') this.expectKey = true;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.stack.pop();
        const depth = this.stack.length;
        if (depth === 1 && this.inValueArray && c === CLOSE_ARR) this.inValueArray = false;
        if (this.capturing && depth === this.captureDepth) {
          this.parts.push(chunk.slice(captureFrom, i + 1));
          captureFrom = -1;
          this.capturing = false;
          const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
          this.parts = [];
          this.deliver(text, depth === 1 && this.stack[0] === 'array');
        }
        if (depth === 0) {
          this.lastKey = '';
          this.expectKey = false;
        }
      } else if (c === COLON) {
        if (this.stack.length === 1) this.expectKey = false;
      } else if (c === COMMA) {
        if (this.stack.length === 1 && this.stack[0] === 'object') this.expectKey = true;
      }
      i++;
    }
    if (this.capturing && captureFrom >= 0) this.parts.push(chunk.slice(captureFrom));
    if (keyFrom >= 0) this.keyParts.push(chunk.slice(keyFrom));
    this.offset += n;
  }

  /** Root objects, elements of a root array, elements of a page's "value" array. */
  private isRecordLevel(depth: number): boolean {
    if (depth === 0) return true;
    if (depth === 1) return this.stack[0] === 'array';
    return depth === 2 && this.inValueArray;
  }

  private deliver(text: string, inRootArray: boolean): void {
    if (this.hook?.passOver(text)) {
      this.hook.passedOver();
      return;
    }
    const value: unknown = JSON.parse(text);
    // An array of saved pages: each element is itself a page.
    if (inRootArray && isPage(value)) {
      for (const v of value.value) this.emit(v);
      return;
    }
    if (inRootArray && isEnvelope(value)) {
      for (const v of value.records) this.emit(v);
      return;
    }
    this.emit(value);
  }

  /** Throws if the document ended inside a value. */
  end(): void {
    if (this.stack.length > 0 || this.inString) throw new SyntaxError(`JSON ended inside a value after ${this.offset} characters`);
  }
}

function isPage(v: unknown): v is { value: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { value?: unknown }).value);
}

function isEnvelope(v: unknown): v is { records: unknown[] } {
  return typeof v === 'object' && v !== null && !('category' in v) && Array.isArray((v as { records?: unknown }).records);
}
