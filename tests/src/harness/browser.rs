//! Doing what a person does, by accessible name: open an address, find a button or a field by
//! its name, click, type, wait for a text.

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use super::{Ctx, TestResult, WAIT};

/// Elements by role and accessible name: aria-label, aria-labelledby, a <label>, else the text
/// content without aria-hidden parts. Only visible elements count.
const FIND_BY_NAME: &str = r#"
const [role, name] = arguments;
const selectors = {
  button: 'button, [role=button], input[type=submit]',
  link: 'a[href]',
  menuitem: '[role=menuitem]',
  menuitemradio: '[role=menuitemradio]',
  radio: 'input[type=radio], [role=radio]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  textbox: 'input:not([type=checkbox]):not([type=radio]), textarea, select',
  heading: 'h1, h2, h3, h4, [role=heading]',
  alert: '[role=alert]',
  alertdialog: '[role=alertdialog]',
  progressbar: 'progress, [role=progressbar]',
  img: 'img, [role=img]',
  combobox: '[role=combobox]',
  option: '[role=option]',
};
const text = (n) => {
  if (n.nodeType === Node.TEXT_NODE) return n.textContent;
  if (n.nodeType !== Node.ELEMENT_NODE || n.getAttribute('aria-hidden') === 'true') return '';
  return Array.from(n.childNodes).map(text).join(' ');
};
const accessibleName = (el) => {
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const ids = el.getAttribute('aria-labelledby');
  if (ids) return ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ');
  if (el.labels && el.labels.length) return Array.from(el.labels).map(text).join(' ');
  return text(el);
};
const norm = (s) => s.replace(/\s+/g, ' ').trim();
return Array.from(document.querySelectorAll(selectors[role] || role))
  .find((el) => el.getClientRects().length > 0 && norm(accessibleName(el)) === name) || null;
"#;

impl Ctx {
    pub async fn open(&self, path: &str) -> TestResult {
        self.driver.goto(format!("{}{path}", self.base)).await?;
        Ok(())
    }

    /// The path and query of the page shown now.
    pub async fn location(&self) -> Result<String, WebDriverError> {
        let url = self.driver.current_url().await?;
        Ok(match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        })
    }

    pub async fn wait_location(&self, expected: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.location().await?;
            if now == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("expected to be at {expected}, but at {now}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The visible element of `role` whose accessible name is `name`, waiting for it to appear.
    pub async fn by_name(
        &self,
        role: &str,
        name: &str,
    ) -> Result<WebElement, Box<dyn std::error::Error + Send + Sync>> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found = self
                .driver
                .execute(FIND_BY_NAME, vec![role.into(), name.into()])
                .await?;
            if let Ok(element) = found.element() {
                return Ok(element);
            }
            if Instant::now() > deadline {
                return Err(format!("no visible {role} named {name:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Press Tab until the element of `role` named `name` has focus, as a keyboard user reaches
    /// it; fails when 200 presses do not get there.
    pub async fn tab_to(&self, role: &str, name: &str) -> TestResult {
        for _ in 0..200 {
            // Found again each time: a live update may have drawn the element anew.
            let target = self.by_name(role, name).await?;
            if self.driver.active_element().await?.element_id() == target.element_id() {
                return Ok(());
            }
            self.press(Key::Tab).await?;
        }
        Err(format!("200 Tabs never reached the {role} named {name:?}").into())
    }

    /// Press a key (Enter, Escape, an arrow) on what has focus.
    pub async fn press(&self, key: Key) -> TestResult {
        self.driver.action_chain().send_keys(key).perform().await?;
        Ok(())
    }

    /// Type into what has focus.
    pub async fn type_text(&self, text: &str) -> TestResult {
        self.driver.action_chain().send_keys(text).perform().await?;
        Ok(())
    }

    /// The accessible name or text of what has focus, for messages.
    pub async fn focused(&self) -> Result<String, WebDriverError> {
        self.eval_string(
            "const a = document.activeElement; return a ? (a.getAttribute('aria-label') || a.textContent || a.tagName).trim() : '';",
        )
        .await
    }

    /// Open (or close) the user menu: its button is named after the person ("Olivia Owens, user
    /// menu"), whoever is signed in.
    pub async fn open_user_menu(&self) -> TestResult {
        self.open_menu_named(", user menu").await
    }

    /// Make the browser prefer `languages` (`["de-DE", "de"]`), as a person's browser settings
    /// do, for every page opened from now on: `navigator.languages` and `navigator.language`.
    pub async fn prefer_languages(&self, languages: &[&str]) -> TestResult {
        let list = serde_json::to_string(languages)?;
        self.before_every_page(&format!(
            "Object.defineProperty(Navigator.prototype, 'languages', {{ get: () => {list} }});\n\
             Object.defineProperty(Navigator.prototype, 'language', {{ get: () => {list}[0] }});"
        ))
        .await
    }

    /// Open (or close) the user menu whose button's name ends with `suffix` (", user menu" in
    /// English, ", Benutzermenü" in German).
    pub async fn open_menu_named(&self, suffix: &str) -> TestResult {
        const FIND: &str = r#"
            const text = (n) => n.nodeType === Node.TEXT_NODE ? n.textContent
                : (n.nodeType !== Node.ELEMENT_NODE || n.getAttribute('aria-hidden') === 'true') ? ''
                : Array.from(n.childNodes).map(text).join('');
            return Array.from(document.querySelectorAll('button[aria-haspopup=menu]'))
                .find((b) => b.getClientRects().length > 0
                    && text(b).replace(/\s+/g, ' ').trim().endsWith(arguments[0])) || null;"#;
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(button) = self.driver.execute(FIND, vec![suffix.into()]).await?.element() {
                button.click().await?;
                return Ok(());
            }
            ensure!(Instant::now() < deadline, "no button named \"…{suffix}\"");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the user menu's button is on the page.
    pub async fn has_user_menu(&self) -> Result<bool, WebDriverError> {
        Ok(!self
            .driver
            .find_all(By::Css("button[aria-haspopup=menu]"))
            .await?
            .is_empty())
    }

    /// Whether a visible element of `role` named `name` is on the page right now.
    pub async fn has(&self, role: &str, name: &str) -> Result<bool, WebDriverError> {
        Ok(self
            .driver
            .execute(FIND_BY_NAME, vec![role.into(), name.into()])
            .await?
            .element()
            .is_ok())
    }

    /// Bring the element to the middle of the screen, as a person scrolls to what they want, so
    /// sticky bars never cover it; then click.
    pub async fn click(&self, role: &str, name: &str) -> TestResult {
        let element = self.by_name(role, name).await?;
        self.driver
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![element.to_json()?],
            )
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Choose `option` in the list labelled `label`, as a person picks it: the option is clicked.
    /// (Typing its first letters into the list instead depends on a one-second timer between
    /// keystrokes, and picks another option when the page is slow.)
    pub async fn choose(&self, label: &str, option: &str) -> TestResult {
        let list = self.by_name("textbox", label).await?;
        thirtyfour::components::SelectElement::new(&list)
            .await?
            .select_by_exact_text(option)
            .await?;
        Ok(())
    }

    /// Type into the text box labelled `label`, replacing what it held, with the keystrokes a
    /// person would use (select all, delete, type), so the page sees every input event.
    pub async fn fill(&self, label: &str, text: &str) -> TestResult {
        let field = self.by_name("textbox", label).await?;
        field.send_keys(Key::Control + "a").await?;
        field.send_keys(Key::Backspace).await?;
        if !text.is_empty() {
            field.send_keys(text).await?;
        }
        Ok(())
    }

    pub async fn value_of(&self, label: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
        Ok(self
            .by_name("textbox", label)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Wait until the page's visible text contains `text`.
    pub async fn wait_text(&self, text: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            // Between two pages (a reload, a link) there is a moment with no body: keep waiting.
            let body = self.body_text().await.unwrap_or_default();
            if body.contains(text) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("the page never showed {text:?}; it shows:\n{body}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A script's answer as text (a computed style, the title, ...).
    pub async fn eval_string(&self, script: &str) -> Result<String, WebDriverError> {
        let ret = self.driver.execute(script, vec![]).await?;
        Ok(ret.json().as_str().unwrap_or_default().to_string())
    }

    pub async fn body_text(&self) -> Result<String, WebDriverError> {
        self.driver.find(By::Tag("body")).await?.text().await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> TestResult {
        self.fill("Email", email).await?;
        self.fill("Password", password).await?;
        self.click("button", "Sign in").await
    }

    /// The session token the app keeps, read as a script in the page would.
    pub async fn stored_token(&self) -> Result<Option<String>, WebDriverError> {
        let ret = self
            .driver
            .execute("return localStorage.getItem('org-area.session');", vec![])
            .await?;
        Ok(ret.json().as_str().map(String::from))
    }

    /// Wait until `condition`, a script's boolean expression about the page, holds; `what` names
    /// it when it never does.
    pub async fn wait_until(&self, what: &str, condition: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        let script = format!("return Boolean({condition});");
        loop {
            if self.driver.execute(&script, Vec::new()).await?.json().as_bool() == Some(true) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("waited in vain for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Run `script` in every page (and frame) this browser opens from now on, before any of the
    /// page's own scripts: to record what happens during a load.
    pub async fn before_every_page(&self, script: &str) -> TestResult {
        self.driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": script }),
            )
            .await?;
        Ok(())
    }
}
