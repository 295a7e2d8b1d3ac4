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

export function draw(module, id, kind, json, palette) {
  const instance = module.draw(id, kind, json, palette);
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(document.getElementById(id));
  observers.set(instance, observer);
  return instance;
}

export function update(module, instance, kind, json, palette) { module.update(instance, kind, json, palette); }

export function dispose(instance) {
  observers.get(instance)?.disconnect();
  instance.dispose();
}
