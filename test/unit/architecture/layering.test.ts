import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The shape the code must keep (README "Architecture"): workflows/ is pure
 * (xstate and itself only, each kind on its own, shared pieces in
 * workflows/shared), bot/ is the platform-neutral core and never reaches into
 * adapters/ (the composition root in app/ wires them), and a workflow kind's
 * name is spelled in one place. Each rule fails with the offending file and line.
 */
const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Import {
  file: string;
  line: number;
  specifier: string;
  /** `import type` (erased) or `import()` (loaded when reached): neither loads the module at start. */
  lazy: boolean;
  /** Repository-relative target of a relative import; undefined for a package. */
  target?: string;
}

/** Static imports, re-exports and dynamic `import()`s. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  const pattern = /(?:^|\s)((?:import|export)\s(type\s)?[^'"`;]*?from\s+['"]([^'"]+)['"])|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const specifier = (match[3] ?? match[4] ?? match[5])!;
    const lazy = !!match[2] || !!match[4];
    const line = text.slice(0, match.index).split('\n').length;
    const target = specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', specifier)).split(sep).join('/') : undefined;
    found.push({ file, line, specifier, lazy, ...(target ? { target } : {}) });
  }
  return found;
}

const where = (i: Import) => `${i.file}:${i.line} imports ${i.specifier}`;

describe('architecture', () => {
  it('bot/ never imports adapters/, app/ or sim/: the composition root wires them', () => {
    const offending = sourceFiles('bot').flatMap(importsOf).filter((i) => i.target && /^(adapters|app|sim)(\/|$)/.test(i.target));
    expect(offending.map(where)).toEqual([]);
  });

  it('the simulator is used through sim/index.ts only, and the composition root loads it lazily', () => {
    const users = ['app', 'bot', 'adapters', 'test'].flatMap(sourceFiles).filter((f) => !f.startsWith('test/unit/tenant-sim/'));
    const imports = users.flatMap(importsOf).filter((i) => i.target === 'sim' || i.target?.startsWith('sim/'));
    expect(imports.filter((i) => i.target !== 'sim' && i.target !== 'sim/index').map(where)).toEqual([]);
    expect(imports.filter((i) => i.file.startsWith('app/') && !i.lazy).map(where)).toEqual([]);
  });

  it('workflows/ imports nothing but xstate and itself', () => {
    const offending = sourceFiles('workflows').flatMap(importsOf).filter((i) => (i.target ? !i.target.startsWith('workflows/') : i.specifier !== 'xstate'));
    expect(offending.map(where)).toEqual([]);
  });

  it('no workflows/ subfolder imports another; shared pieces live in workflows/shared', () => {
    const folderOf = (path: string) => path.split('/')[1] ?? '';
    const offending = sourceFiles('workflows')
      .flatMap(importsOf)
      .filter((i) => i.target?.startsWith('workflows/'))
      .filter((i) => {
        const from = folderOf(i.file);
        const to = folderOf(i.target!);
        const topLevel = (path: string) => path.split('/').length === 2;
        // Top-level files of workflows/ (effects, durations, Graph record shapes) and workflows/shared are for everyone.
        return from !== to && to !== 'shared' && !topLevel(i.target!) && !topLevel(i.file);
      });
    expect(offending.map(where)).toEqual([]);
  });

  it("spells each workflow kind's name only in its kind module", () => {
    const kinds: Record<string, string> = {
      'break-glass': 'workflows/break-glass/kind.ts',
      'pim-elevation': 'workflows/pim-elevation/kind.ts',
      'monitor-alert': 'workflows/monitoring/alert-kind.ts',
    };
    // Code quotes strings with ' or ` (eslint); double quotes are prose in comments, e.g. ("break-glass") accounts.
    const offending = ['app', 'bot', 'adapters', 'workflows'].flatMap(sourceFiles).flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((text, index) =>
          Object.entries(kinds)
            .filter(([kind, home]) => file !== home && new RegExp(`['\`]${kind}['\`]`).test(text))
            .map(([kind]) => `${file}:${index + 1} spells '${kind}'`),
        ),
    );
    expect(offending).toEqual([]);
  });

  it("a kind's machine and views are reached through its module in bot/kinds/", () => {
    const definitions = /^bot\/messages\/[^/]+\/(definition|alert-definition)$/;
    const offending = ['app', 'bot', 'adapters'].flatMap(sourceFiles).flatMap(importsOf).filter((i) => i.target && definitions.test(i.target) && !i.file.startsWith('bot/kinds/'));
    expect(offending.map(where)).toEqual([]);
  });

  it('generic code (core, runtime, ports, chat effects, card refresh, current card) names no workflow kind: it asks the registry', () => {
    const generic = (file: string) =>
      /^bot\/(core|runtime|ports)\//.test(file) || ['bot/effects/chat-effects.ts', 'bot/effects/audience.ts', 'bot/handlers/stale-card-refresh.ts', 'bot/handlers/current-card.ts'].includes(file);
    const kindFolder = /^(workflows\/(break-glass|pim-elevation|monitoring|posture)\/|bot\/messages\/[^/]+\/|bot\/kinds\/(?!registry$|kind-module$|card-key$|button-value$))/;
    const offending = sourceFiles('bot').filter(generic).flatMap(importsOf).filter((i) => i.target && kindFolder.test(i.target));
    expect(offending.map(where)).toEqual([]);
  });

  it('the router answers in one platform-neutral outcome: no platform name or Teams verb in bot/core/router.ts, inbox.ts or outcome.ts', () => {
    const offending = ['bot/core/router.ts', 'bot/core/inbox.ts', 'bot/core/outcome.ts'].flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((text, index) => (/['`](slack|teams|playground)['`]|card\.refresh/.test(text) ? [`${file}:${index + 1}: ${text.trim()}`] : [])),
    );
    expect(offending).toEqual([]);
  });

  it('no file in bot/ is over 300 lines: a file that grows past it holds more than one concept', () => {
    const long = sourceFiles('bot')
      .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300);
    expect(long.map((f) => `${f.file}: ${f.lines} lines`)).toEqual([]);
  });
});
