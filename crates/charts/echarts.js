// The parts of ECharts these charts use, and nothing else: line, bar and pie series on a
// cartesian grid, the axis tooltip and a plain legend, drawn on canvas. `cargo xtask build-app`
// bundles this file with esbuild into `charts/echarts-{hash}.js`, which the app loads before the
// charts module. charming calls `echarts.init` on the global; `getInstanceByDom` lets a page (and
// the browser tests) read a drawn chart's options. That is all this exposes.
//
// A chart option that names anything not registered here (a title, a dataset, a scrolling
// legend, a data zoom) is drawn without it, silently: add its component here when a chart starts
// using one.
import { getInstanceByDom, init, use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridSimpleComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, PieChart, GridSimpleComponent, TooltipComponent, LegendPlainComponent, CanvasRenderer]);

globalThis.echarts = { init, getInstanceByDom };
