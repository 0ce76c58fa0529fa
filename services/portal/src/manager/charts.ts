import * as echarts from 'echarts';
import { type Html, raw } from '../layout/html.ts';

// Charts drawn on the server: Apache ECharts in its SSR mode renders each to an SVG string,
// which goes into the page as it is — no script in the browser, and it prints. Two things of
// ECharts' SVG would break the page's Content-Security-Policy (`style-src 'self'`, no inline
// styles): a <style> element (hover effects, useless without script) is dropped, and each
// `style="…"` attribute becomes the SVG presentation attributes it stands for. Every label
// in a chart is the portal's own words or a number; ECharts escapes text anyway.

export type ChartOption = echarts.EChartsOption;

/** The portal's colours (portal.css), in the order series take them. */
export const CHART_COLORS = ['#0b5cad', '#176d3b', '#d18b00', '#b3261e', '#5b6675', '#7a4fb3'];

const FONT = 'sans-serif';

/** Properties of an inline style that SVG also takes as attributes. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
]);

const attributeValue = (value: string) => value.replace(/["<>&]/g, '').trim();

/** The style attribute as presentation attributes; anything else in it is dropped. */
function styleToAttributes(style: string): string {
  return style
    .replace(/&quot;|&#39;|&apos;/g, "'")
    .split(';')
    .map((declaration) => {
      const at = declaration.indexOf(':');
      if (at < 0) return '';
      const name = declaration.slice(0, at).trim().toLowerCase();
      const value = attributeValue(declaration.slice(at + 1));
      return PRESENTATION.has(name) && value ? ` ${name}="${value}"` : '';
    })
    .join('');
}

/** ECharts' SVG made fit for the page: no <style>, no style attributes, scalable, labelled. */
export function cleanSvg(svg: string, label: string): string {
  const escapedLabel = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return svg
    .replace(/<style[\s\S]*?<\/style>/gi, '')
    .replace(/\sstyle="([^"]*)"/g, (_m, style: string) => styleToAttributes(style))
    .replace(/<svg\b([^>]*)>/, (_m, attributes: string) => {
      const kept = attributes.replace(/\s(width|height)="[^"]*"/g, '');
      return `<svg${kept} class="chart" role="img" aria-label="${escapedLabel}" focusable="false">`;
    });
}

export interface ChartSize {
  width: number;
  height: number;
}

/** One chart as inline SVG, with the portal's look; `label` tells screen readers what it shows (the table beneath gives the figures). */
export function renderChart(option: ChartOption, size: ChartSize, label: string): Html {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      color: CHART_COLORS,
      textStyle: { fontFamily: FONT, fontSize: 13, color: '#1b2430' },
      ...option,
    });
    return raw(cleanSvg(chart.renderToSVGString(), label));
  } finally {
    chart.dispose();
  }
}
