// Loads the console module (every screen behind sign-in) once, from the content-hashed address
// the page names (built by `cargo xtask build-app` into console/ beside the boot module).
let loading = null;

export function loadConsole(url) {
  if (!loading) {
    loading = (async () => {
      const module = await import(url);
      await module.default();
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}
