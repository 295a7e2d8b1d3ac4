// Loads ECharts and the charts module once, the first time a chart is about to be shown, so the
// sign-in page and every other screen never download them.
let loading = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Could not load ' + src));
    document.head.appendChild(script);
  });
}

export function loadCharts(echarts, charts) {
  if (!loading) {
    loading = (async () => {
      if (!window.echarts) await loadScript(echarts);
      const module = await import(charts);
      await module.default();
      return module;
    })();
    // A failed load may be retried.
    loading.catch(() => { loading = null; });
  }
  return loading;
}

// A chart follows its container's size (window resizes, layout changes) until it is disposed.
const observers = new WeakMap();

// Numbers in the chart as the page's language writes them (`800,000` / `800.000`, `20.41` /
// `20,41`): formatters are functions, which the JSON option from the charts module cannot carry.
function localNumbers(instance) {
  const format = new Intl.NumberFormat(document.documentElement.lang || 'en', { maximumFractionDigits: 2 });
  const number = (value) => (typeof value === 'number' ? format.format(value) : value);
  const axes = (instance.getOption().yAxis || []).map(() => ({ axisLabel: { formatter: number } }));
  instance.setOption({ tooltip: { valueFormatter: number }, yAxis: axes });
}

export function draw(module, id, kind, json, palette) {
  const instance = module.draw(id, kind, json, palette);
  localNumbers(instance);
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(document.getElementById(id));
  observers.set(instance, observer);
  return instance;
}

export function update(module, instance, kind, json, palette) {
  module.update(instance, kind, json, palette);
  localNumbers(instance);
}

export function dispose(instance) {
  observers.get(instance)?.disconnect();
  instance.dispose();
}
