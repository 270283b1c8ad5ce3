// The monitoring of knative/monitoring against the code: every metric the Grafana dashboard and the
// alert rules read is one the functions declare (shared/src/metrics/metrics.ts), one a rule records, or
// one Prometheus or daprd makes, and every label they select or group by is one it has; so renaming a
// metric or a label fails here, not silently on a dashboard. Every alert links its runbook in
// docs/operating.md. promtool tests what the rules do (scripts/validate-cluster.sh).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createMetrics } from '#shared/metrics/metrics';

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  annotations?: Record<string, string>;
}
interface Panel {
  id?: number;
  title?: string;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets?: { expr?: string; legendFormat?: string }[];
  panels?: Panel[];
}

const root = fileURLToPath(new URL('..', import.meta.url));
const monitoring = join(root, 'knative/monitoring');
const RUNBOOK = 'https://github.com/your-org/todo-functions/blob/main/docs/operating.md#';
/** What Prometheus adds to every scraped series (the PodMonitors' relabelings). */
const TARGET_LABELS = ['job', 'namespace', 'pod', 'container', 'instance'];
/**
 * daprd 1.18's metrics the dashboard reads and their tags (pkg/diagnostics: a view under namespace dapr,
 * `/` as `_`); its `namespace` tag is stored as `exported_namespace` beside the target's.
 */
const DAPR_METRICS: Record<string, string[]> = {
  dapr_component_job_success_count: ['app_id', 'exported_namespace', 'operation'],
  dapr_component_job_failure_count: ['app_id', 'exported_namespace', 'operation'],
  dapr_component_pubsub_ingress_count: ['app_id', 'component', 'exported_namespace', 'process_status', 'topic', 'status'],
  dapr_http_server_request_count: ['app_id', 'method', 'path', 'status'],
};
const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** The metric names an expression reads: what is left once strings, matchers, ranges, label lists, numbers and calls are gone. */
function metricNames(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\[[^[\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+|ms|[smhdwy])?\b/gi, ' ');
  return [...text.matchAll(/[a-zA-Z_:][\w:]*/g)]
    .filter((match) => !PROMQL_WORDS.has(match[0].toLowerCase()) && !text.slice(match.index + match[0].length).trimStart().startsWith('('))
    .map((match) => match[0]);
}

/** Every series the code's registry exposes (histograms as _bucket, _sum and _count) and its labels. */
async function declaredSeries(): Promise<Map<string, string[]>> {
  const { registry } = createMetrics('test');
  const labelNames = new Map(registry.getMetricsAsArray().map((metric) => [metric.name, (metric as unknown as { labelNames: string[] }).labelNames]));
  const metrics = await registry.getMetricsAsJSON();
  return new Map(
    metrics.flatMap(({ name, type: metricType }): [string, string[]][] => {
      const type = String(metricType);
      const labels = [...(labelNames.get(name) ?? []), 'service', ...TARGET_LABELS];
      if (type === 'histogram') return [[`${name}_bucket`, [...labels, 'le']], [`${name}_sum`, labels], [`${name}_count`, labels]];
      if (type === 'summary') return [[name, [...labels, 'quantile']], [`${name}_sum`, labels], [`${name}_count`, labels]];
      return [[name, labels]];
    }),
  );
}

/** The labels a recording rule keeps: those it aggregates by. */
const groupedBy = (expr: string) => [...new Set([...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim())))];

/** The labels an expression selects on, per metric, and the labels it groups by. */
function labelsUsed(expr: string): { selected: [string, string][]; grouped: string[] } {
  const text = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const selected = [...text.matchAll(/(?<![\w:])([a-zA-Z_:][\w:]*)\s*\{([^{}]*)\}/g)].flatMap(([, metric, matchers]) =>
    [...matchers!.matchAll(/\b(\w+)\s*(?:=~|!~|!=|=)/g)].map((match): [string, string] => [metric!, match[1]!]),
  );
  const grouped = [...text.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim()).filter(Boolean));
  return { selected, grouped };
}

const rules: Rule[] = readdirSync(join(monitoring, 'rules'))
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => (parse(readFileSync(join(monitoring, 'rules', file), 'utf8')) as { spec: { groups: { rules: Rule[] }[] } }).spec.groups)
  .flatMap((group) => group.rules);
const alerts = rules.filter((rule) => rule.alert);

const dashboard = JSON.parse(readFileSync(join(monitoring, 'dashboards/todo.json'), 'utf8')) as { panels: Panel[]; templating: { list: { definition?: string }[] } };
const panels = (list: Panel[]): Panel[] => list.flatMap((panel) => [panel, ...panels(panel.panels ?? [])]);
const dashboardExprs = panels(dashboard.panels).flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr ?? '', legend: target.legendFormat ?? '' })),
);
// label_values(<metric>{...}, <label>): only its first argument is a series.
const variableMetrics = dashboard.templating.list.flatMap((variable) => [...(variable.definition ?? '').matchAll(/label_values\(\s*([a-zA-Z_:][\w:]*)/g)].map((match) => match[1]!));
const ruleExprs = rules.map((rule) => ({ where: `rule ${rule.record ?? rule.alert}`, expr: rule.expr }));

interface Relabeling {
  action?: string;
  sourceLabels?: string[];
  regex?: string;
  targetLabel?: string;
  replacement?: string;
}
const yamlDocuments = <T>(path: string): T[] => parseAllDocuments(readFileSync(join(root, path), 'utf8')).map((document) => document.toJS() as T);
const relabelings = yamlDocuments<{ spec: { podMetricsEndpoints: { relabelings?: Relabeling[] }[] } }>('knative/monitoring/pod-monitors.yaml').flatMap((monitor) =>
  monitor.spec.podMetricsEndpoints.flatMap((endpoint) => endpoint.relabelings ?? []),
);
/** The job names the PodMonitors give their targets (a relabeling to `job`). */
const scrapeJobs = new Set(relabelings.flatMap((relabeling) => (relabeling.targetLabel === 'job' && relabeling.replacement ? [relabeling.replacement] : [])));

/** GitHub's anchors of the headings of a Markdown file. */
function anchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      match[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('metricNames', () => {
  it('reads the metric names out of PromQL', () => {
    expect(metricNames('sum by (service) (rate(http_requests_total{route!~"/(live|ready)", status=~"5.."}[5m])) / 0.001')).toEqual(['http_requests_total']);
    expect(metricNames('histogram_quantile(0.99, sum by (le) (rate(a_bucket{job="x"}[$__rate_interval])))')).toEqual(['a_bucket']);
    expect(metricNames('x:y:ratio_rate1h > 14.4 * 0.001 and on () count(up offset 10m) > 0 or delta(z[10m]) > 1e3')).toEqual(['x:y:ratio_rate1h', 'up', 'z']);
    expect(metricNames('a unless a offset 10m')).toEqual(['a', 'a']);
  });
});

/** Every metric the monitoring may read, and its labels. */
async function knownSeries(): Promise<Map<string, string[]>> {
  return new Map([
    ...(await declaredSeries()),
    ...rules.flatMap((rule): [string, string[]][] => (rule.record ? [[rule.record, groupedBy(rule.expr)]] : [])),
    ['up', TARGET_LABELS],
    ...Object.entries(DAPR_METRICS).map(([name, labels]): [string, string[]] => [name, [...labels, ...TARGET_LABELS]]),
  ]);
}

describe('knative/monitoring', () => {
  it('reads only metrics that the code declares, that a rule records, or that Prometheus and daprd make', async () => {
    const known = await knownSeries();
    const unknown = [...dashboardExprs, ...ruleExprs, ...variableMetrics.map((name) => ({ where: 'dashboard variable', expr: name }))].flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !known.has(name))
        .map((name) => `${name} (${where})`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('selects, groups by and names in legends only labels those metrics have', async () => {
    const known = await knownSeries();
    const problems = [...dashboardExprs, ...ruleExprs.map((rule) => ({ ...rule, legend: '' }))].flatMap(({ where, expr, legend }) => {
      const { selected, grouped } = labelsUsed(expr);
      const available = new Set(metricNames(expr).flatMap((name) => known.get(name) ?? []));
      // After an aggregation only the labels it keeps are left to show.
      const shown = grouped.length > 0 ? new Set(grouped) : available;
      return [
        ...selected.filter(([metric, label]) => known.has(metric) && !known.get(metric)!.includes(label)).map(([metric, label]) => `${metric} has no label ${label} (${where})`),
        ...grouped.filter((label) => !available.has(label)).map((label) => `no metric of it has the label ${label} (${where})`),
        ...[...legend.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].filter((match) => !shown.has(match[1]!)).map((match) => `legend {{${match[1]}}} is not a label of the result (${where})`),
      ];
    });
    expect([...new Set(problems)]).toEqual([]);
  });

  it('has no expression that reads no metric (the check above would pass it unseen)', () => {
    for (const { where, expr } of [...dashboardExprs, ...ruleExprs]) expect(metricNames(expr), where).not.toEqual([]);
  });

  it('selects only the jobs the PodMonitors name', () => {
    expect([...scrapeJobs].sort()).toEqual(['todo-dapr', 'todo-functions']);
    const selected = [...dashboardExprs, ...ruleExprs].flatMap(({ where, expr }) =>
      [...expr.matchAll(/\bjob\s*(=~?)\s*"([^"]*)"/g)].flatMap(([, operator, value]) => (operator === '=~' ? value!.split('|') : [value!]).map((job) => ({ where, job }))),
    );
    expect(selected.length).toBeGreaterThan(0);
    expect(selected.filter(({ job }) => !scrapeJobs.has(job))).toEqual([]);
  });

  it('scrapes the container and port the functions serve /metrics on, which the NetworkPolicy opens to the namespace monitoring', () => {
    const metricsPort = yamlDocuments<{ metadata: { name: string }; data?: Record<string, string> }>('knative/base/config.yaml').find((config) => config.metadata.name === 'todo-env')?.data?.METRICS_PORT;
    expect(relabelings.find((relabeling) => relabeling.targetLabel === '__address__')?.replacement).toBe(`\${1}:${metricsPort}`);
    const container = relabelings.find((relabeling) => relabeling.action === 'keep' && relabeling.sourceLabels?.includes('__meta_kubernetes_pod_container_name'))?.regex;
    const services = readdirSync(join(root, 'knative/base/services')).flatMap((file) => yamlDocuments<{ spec: { template: { spec: { containers: { name: string }[] } } } }>(`knative/base/services/${file}`));
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) expect(service.spec.template.spec.containers.map((app) => app.name)).toEqual([container]);
    type Policy = { metadata: { name: string }; spec: { ingress: { from: { namespaceSelector?: { matchLabels: Record<string, string> } }[]; ports?: { port: number }[] }[] } };
    const policy = yamlDocuments<Policy>('knative/base/network-policies.yaml').find((document) => document.metadata.name === 'todo-functions-metrics');
    const opened = policy?.spec.ingress.filter((rule) => rule.from.some((peer) => peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'monitoring'));
    expect(opened?.flatMap((rule) => (rule.ports ?? []).map((port) => port.port))).toEqual(expect.arrayContaining([Number(metricsPort), 19090]));
  });

  it('lays the dashboard\'s panels out on its 24-column grid, each with its own id, none over another', () => {
    const all = panels(dashboard.panels);
    expect(new Set(all.map((panel) => panel.id)).size).toBe(all.length);
    const cells = new Set<string>();
    for (const { title, gridPos } of all) {
      expect(gridPos, title).toBeDefined();
      expect(gridPos!.x + gridPos!.w, title).toBeLessThanOrEqual(24);
      for (let y = gridPos!.y; y < gridPos!.y + gridPos!.h; y++) {
        for (let x = gridPos!.x; x < gridPos!.x + gridPos!.w; x++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('gives every alert a summary, a description and a runbook in docs/operating.md', () => {
    const headings = anchors(readFileSync(join(root, 'docs/operating.md'), 'utf8'));
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const { summary, description, runbook_url: runbook } = alert.annotations ?? {};
      expect(summary, alert.alert).toBeTruthy();
      expect(description, alert.alert).toBeTruthy();
      expect(runbook?.startsWith(RUNBOOK), `${alert.alert}: ${runbook}`).toBe(true);
      expect(headings.has(runbook!.slice(RUNBOOK.length)), `${alert.alert}: no heading for ${runbook}`).toBe(true);
    }
  });
});
