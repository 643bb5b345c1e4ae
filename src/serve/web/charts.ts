/**
 * Charts with Chart.js, in the Okabe–Ito palette (distinguishable with the common forms of
 * colour blindness). Every chart has a text label and sits next to a table with the same data.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { el } from './dom.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export function chart(
  kind: 'bar' | 'line' | 'stacked' | 'funnel',
  title: string,
  labels: readonly string[],
  series: readonly Series[],
): HTMLElement {
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `${title}: chart; the table below has the same numbers`,
  });
  const box = el('div', { class: 'chart' }, canvas);
  new Chart(canvas, {
    type: kind === 'line' ? 'line' : 'bar',
    data: {
      labels: [...labels],
      datasets: series.map((s, i) => ({
        label: s.label,
        data: [...s.values],
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        borderWidth: kind === 'line' ? 2 : 0,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: kind === 'funnel' ? 'y' : 'x',
      scales: {
        x: { stacked: kind === 'stacked' },
        y: { stacked: kind === 'stacked', beginAtZero: true },
      },
      plugins: { legend: { display: series.length > 1 } },
    },
  });
  return box;
}
