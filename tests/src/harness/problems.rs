//! What must never happen in a page unless a scenario provokes it: uncaught errors, failed
//! requests, policy violations, recorded in every page by [`PROBLEM_RECORDER`].

use super::Ctx;

/// Installed in every page before its own scripts: records what must never happen in a scenario
/// (an uncaught exception or Rust panic, a rejected promise nobody handled, `console.error`, a
/// Content-Security-Policy violation, a script, style or image that failed to load, a request
/// that failed or was refused) in the tab's sessionStorage, which outlives reloads and
/// navigations on the app's origin. A scenario names the refusals it provokes with
/// [`Ctx::expect_problem`].
pub(super) const PROBLEM_RECORDER: &str = r#"(() => {
  const key = '__orgAreaProblems';
  const record = (kind, text) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push(kind + ': ' + String(text).slice(0, 300) + ' (on ' + location.pathname + ')');
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch (_) {}
  };
  addEventListener('error', (e) => {
    const target = e.target;
    if (target && target !== window && (target.src || target.href)) {
      record('failed to load', target.src || target.href);
    } else {
      record('uncaught', e.message);
    }
  }, true);
  addEventListener('unhandledrejection', (e) => record('unhandled rejection', e.reason));
  document.addEventListener('securitypolicyviolation', (e) =>
    record('policy violation', e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const method = ((init && init.method) || (input && input.method) || 'GET').toUpperCase();
    const path = new URL(input && input.url ? input.url : String(input), location.href).pathname;
    const from = location.pathname;
    return fetch.apply(this, arguments).then((response) => {
      if (!response.ok) record('failed request', response.status + ' ' + method + ' ' + path + ' from ' + from);
      return response;
    }, (error) => {
      if (!error || error.name !== 'AbortError') record('failed request', 'no answer ' + method + ' ' + path);
      throw error;
    });
  };
  const error = console.error;
  console.error = function (...args) {
    record('console.error', args.map(String).join(' '));
    return error.apply(this, args);
  };
})();"#;

impl Ctx {
    /// Say that the scenario provokes a problem on purpose: a recorded problem containing `text`
    /// (say "401 POST /api/v1/auth/login" for a wrong password) does not fail it.
    pub fn expect_problem(&self, text: &str) {
        self.expected.lock().unwrap().push(text.to_string());
    }

    /// What went wrong in the page that the scenario did not expect (see [`PROBLEM_RECORDER`]),
    /// leaving out what contains one of `expected`.
    pub async fn unexpected_problems(&self, expected: &[&str]) -> Vec<String> {
        let Ok(json) = self
            .eval_string("return sessionStorage.getItem('__orgAreaProblems') || '[]'")
            .await
        else {
            return Vec::new();
        };
        let problems: Vec<String> = serde_json::from_str(&json).unwrap_or_default();
        problems
            .into_iter()
            .filter(|p| !expected.iter().any(|e| p.contains(e)))
            .collect()
    }
}
