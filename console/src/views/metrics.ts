/**
 * Metrics: API and Lambda graphs from CloudWatch GetMetricData (on the server), drawn with uPlot,
 * each alarm's threshold drawn as a dashed line on its metric's graph.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { stream } from '../api.ts';
import { h, replace } from '../dom.ts';

interface Graph {
  title: string;
  unit: string;
  series: { stat: string; t: number[]; v: number[] }[];
  thresholds: { alarm: string; value: number }[];
}

interface MetricsView {
  start: number;
  end: number;
  period: number;
  graphs: Graph[];
}

const COLORS = ['#0b5cad', '#7a3e9d', '#00704a'];
const THRESHOLD_COLOR = '#b3261e';

function dataOf(graph: Graph, view: MetricsView): uPlot.AlignedData {
  const xs: number[] = [];
  for (let t = Math.floor(view.start / view.period) * view.period; t <= view.end; t += view.period)
    xs.push(t);
  const columns = graph.series.map((series) => {
    const byTime = new Map(series.t.map((t, i) => [t, series.v[i] ?? null]));
    return xs.map((t) => byTime.get(t) ?? null);
  });
  const thresholds = graph.thresholds.map((th) => xs.map(() => th.value));
  return [xs, ...columns, ...thresholds] as uPlot.AlignedData;
}

function optionsOf(graph: Graph, width: number): uPlot.Options {
  return {
    width,
    height: 180,
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [{ stroke: '#333' }, { stroke: '#333', label: graph.unit, size: 60 }],
    series: [
      {},
      ...graph.series.map((s, i) => ({
        label: s.stat,
        stroke: COLORS[i % COLORS.length] ?? '#0b5cad',
        width: 2,
        points: { show: true, size: 5 },
        spanGaps: false,
      })),
      ...graph.thresholds.map((th) => ({
        label: `alarm threshold (${th.value})`,
        stroke: THRESHOLD_COLOR,
        dash: [6, 4],
        width: 1.5,
        points: { show: false },
      })),
    ],
  };
}

function pointCount(graph: Graph): number {
  return graph.series.reduce((sum, s) => sum + s.t.length, 0);
}

export function mountMetrics(root: HTMLElement): () => void {
  const charts = new Map<string, { plot: uPlot; figure: HTMLElement; shape: string; summary: HTMLElement }>();
  const range = h(
    'select',
    { id: 'm-range' },
    h('option', { value: '15m' }, 'Last 15 minutes'),
    h('option', { value: '1h' }, 'Last hour'),
    h('option', { value: '24h' }, 'Last 24 hours'),
  );
  const grid = h('div', { class: 'charts' }, h('p', {}, 'Loading…'));
  const problem = h('p', { role: 'alert', class: 'problem' });
  replace(
    root,
    h('h1', {}, 'Metrics'),
    h(
      'form',
      { class: 'filters', onsubmit: (e: Event) => e.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'm-range' }, 'Time range'), range),
    ),
    problem,
    grid,
  );
  let close: (() => void) | undefined;
  const clear = () => {
    for (const chart of charts.values()) chart.plot.destroy();
    charts.clear();
    grid.replaceChildren();
  };
  const draw = (view: MetricsView) => {
    problem.textContent = '';
    if (charts.size === 0) grid.replaceChildren();
    for (const graph of view.graphs) {
      const data = dataOf(graph, view);
      const shape = `${graph.series.length}/${graph.thresholds.map((t) => `${t.alarm}=${t.value}`).join(',')}`;
      const latest = graph.series
        .map((s) => `${s.stat} ${s.v.length > 0 ? String(s.v[s.v.length - 1]) : 'no data'}`)
        .join(', ');
      let chart = charts.get(graph.title);
      if (chart && chart.shape !== shape) {
        chart.plot.destroy();
        chart.figure.remove();
        chart = undefined;
      }
      if (!chart) {
        const slug = graph.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        const summary = h('p', { class: 'sr-only' });
        const figure = h(
          'figure',
          { class: 'chart', 'aria-labelledby': `chart-${slug}`, 'data-graph': slug },
          h('figcaption', { id: `chart-${slug}` }, graph.title),
          summary,
        );
        grid.append(figure);
        const plot = new uPlot(optionsOf(graph, Math.max(280, figure.clientWidth - 16)), data, figure);
        chart = { plot, figure, shape, summary };
        charts.set(graph.title, chart);
      } else {
        chart.plot.setData(data);
      }
      chart.figure.dataset.points = String(pointCount(graph));
      chart.summary.textContent = `${graph.title}, latest per-period values: ${latest}. ${graph.thresholds.map((t) => `Alarm ${t.alarm} threshold ${t.value}.`).join(' ')}`;
    }
  };
  const connect = () => {
    close?.();
    clear();
    grid.append(h('p', {}, 'Loading…'));
    close = stream<MetricsView>(
      'stream/metrics',
      { range: range.value },
      {
        onData: draw,
        onProblem(message) {
          problem.textContent = message;
        },
      },
    );
  };
  range.addEventListener('change', connect);
  connect();
  return () => {
    close?.();
    clear();
  };
}
