//! Markup written as one string, for the few places where a call per element costs too much: a
//! page of 500 users is about 15,000 elements, attributes and texts, and each is a crossing from
//! wasm into the browser when built node by node. The browser's parser takes the whole string in
//! one crossing.
//!
//! Every text and attribute value goes through [`Markup::text`] or [`Markup::attr`], which escape
//! the five characters that could end a text or a quoted value: what a person typed is always
//! shown as text, never read as markup. Nothing here writes an unescaped value.

/// An HTML fragment being written.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    pub fn with_capacity(bytes: usize) -> Markup {
        Markup(String::with_capacity(bytes))
    }

    /// Fixed markup of our own (tags, class names), never anything from data or translations.
    pub fn tag(&mut self, fixed: &'static str) -> &mut Markup {
        self.0.push_str(fixed);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.0, text);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Markup {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    pub fn finish(self) -> String {
        self.0
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_values_cannot_become_markup() {
        let mut m = Markup::default();
        m.tag("<td")
            .attr("aria-label", "Role for \"x\" onmouseover='y'")
            .tag(">");
        m.text("<img src=x onerror=alert(1)> & Tom's").tag("</td>");
        assert_eq!(
            m.finish(),
            "<td aria-label=\"Role for &quot;x&quot; onmouseover=&#39;y&#39;\">\
             &lt;img src=x onerror=alert(1)&gt; &amp; Tom&#39;s</td>"
        );
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod in_the_browser {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_browser_reads_back_exactly_what_was_written() {
        let document = web_sys::window().unwrap().document().unwrap();
        let cell = document.create_element("div").unwrap();
        let typed = "<b>Zoë</b> & \"Ärger\" 'quoted' </td></tr><script>alert(1)</script>";
        let mut m = Markup::default();
        m.tag("<span").attr("title", typed).tag(">").text(typed).tag("</span>");
        cell.set_inner_html(&m.finish());
        assert_eq!(cell.child_element_count(), 1, "one element, the span");
        let span = cell.first_element_child().unwrap();
        assert_eq!(span.text_content().unwrap(), typed);
        assert_eq!(span.get_attribute("title").unwrap(), typed);
    }
}
