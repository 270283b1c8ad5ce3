import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Tests, contract suites, test kits and test-support folders: what no bundle runs. */
export const TEST_CODE = '(\\.test\\.ts$|\\.contract\\.ts$|-test-kit\\.ts$|^functions/[^/]+/test/|^shared/src/testing/)';

/** The room a file lives in: a function (`task`), a folder of shared code (`shared/db`), or `local`. */
export function roomOf(path: string): string {
  const [top, name] = path.split('/');
  if (top === 'functions') return name!;
  if (top === 'shared') return `shared/${path.split('/')[2]!.replace(/\.ts$/, '')}`;
  return top!;
}

export interface CodeRooms {
  rooms: string[];
  /** `from → to` between different rooms, each once. */
  arrows: [string, string][];
  /** What the rules of `.dependency-cruiser.cjs` refuse, over all code, tests included. */
  violations: IViolation[];
}

async function cruiseFrom(paths: string[], extra: Record<string, unknown>): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.json`);
  const result = await cruise(paths, { ...options, baseDir: root, ...extra }, {}, { tsConfig });
  return result.output as ICruiseResult;
}

/** The shipped code's rooms and the arrows between them, and the rule violations of the whole tree. */
export async function codeRooms(): Promise<CodeRooms> {
  const all = await cruiseFrom(['functions', 'shared', 'local', 'scripts', 'bench'], {});
  const shipped = await cruiseFrom(['functions', 'shared', 'local'], { includeOnly: '^(functions|shared|local)/', exclude: { path: TEST_CODE } });
  const rooms = new Set<string>();
  const arrows = new Set<string>();
  for (const module of shipped.modules) {
    const from = roomOf(module.source);
    rooms.add(from);
    for (const dependency of module.dependencies) {
      if (dependency.couldNotResolve || !/^(functions|shared|local)\//.test(dependency.resolved)) continue;
      const to = roomOf(dependency.resolved);
      if (to !== from) arrows.add(`${from}\t${to}`);
    }
  }
  return {
    rooms: [...rooms].sort(),
    arrows: [...arrows].sort().map((arrow) => arrow.split('\t') as [string, string]),
    violations: all.summary.violations,
  };
}

/** The rooms in layers, each depending only on layers below it (first = bottom); undefined when arrows form a cycle. */
export function layers({ rooms, arrows }: Pick<CodeRooms, 'rooms' | 'arrows'>): string[][] | undefined {
  const needs = new Map(rooms.map((room) => [room, new Set(arrows.filter(([from]) => from === room).map(([, to]) => to))]));
  const placed = new Set<string>();
  const result: string[][] = [];
  while (placed.size < rooms.length) {
    const layer = rooms.filter((room) => !placed.has(room) && [...needs.get(room)!].every((to) => placed.has(to)));
    if (layer.length === 0) return undefined;
    layer.forEach((room) => placed.add(room));
    result.push(layer);
  }
  return result;
}

/** The rooms that cannot be layered: those in a cycle and those above one (for the error message). */
export function roomsNotLayered({ rooms, arrows }: Pick<CodeRooms, 'rooms' | 'arrows'>): string[] {
  const ordered = layers({ rooms, arrows }) ?? [];
  const placed = new Set(ordered.flat());
  return rooms.filter((room) => !placed.has(room));
}
