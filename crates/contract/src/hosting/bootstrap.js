// The page's first script, inline so it runs before any file is requested (the
// Content-Security-Policy allows it by its hash). It finds where the app was deployed, so every
// file loads relative to it under any path prefix, and at an organization's address it paints the
// organization's brand, or a neutral look until the brand is known, never the product's.
(function () {
  var SEGMENTS = ["accept-invitation","account","activity","billing","embed","forgot-password","invoices","o","payment","reset-password","settings","sign-in","spaces","subscription","users"];
  var PRODUCT = "Organization area";
  var parts = location.pathname.split("/");
  var pinned = meta("org-area-prefix");
  var at = 1;
  if (pinned && location.pathname.indexOf(pinned) === 0) {
    at = pinned.split("/").length - 1;
  } else {
    while (at < parts.length && SEGMENTS.indexOf(parts[at]) < 0) at++;
  }
  // Before the first address of the app; an unknown address is taken as a folder of the site.
  var prefix = parts.slice(0, at < parts.length ? at : parts.length - 1).join("/") + "/";
  var base = document.createElement("base");
  base.href = prefix;
  document.head.appendChild(base);

  var root = document.documentElement;
  var slug = parts[at + 1];
  if ((parts[at] !== "o" && parts[at] !== "embed") || !slug) {
    document.title = PRODUCT;
    addIcon(meta("org-area-favicon"));
    return;
  }
  root.setAttribute("data-brand", "pending");
  if (parts[at] === "embed") root.setAttribute("data-embedded", "");
  var text = meta("org-area-brand");
  try {
    text = text || localStorage.getItem("org-area:brand:" + slug);
  } catch (e) {}
  var brand = null;
  try {
    brand = JSON.parse(text);
  } catch (e) {}
  if (!brand || brand.slug !== slug) {
    addIcon("data:,");
    return;
  }
  // The app's brand module starts from the same brand, in each of its modules.
  window.orgAreaBrand = text;
  var colors = { "primary-light": brand.light.primary, "accent-light": brand.light.accent,
    "primary-dark": brand.dark.primary, "accent-dark": brand.dark.accent };
  for (var name in colors) root.style.setProperty("--brand-" + name, colors[name]);
  root.setAttribute("data-brand", "org");
  document.title = brand.app_name || brand.org_name;
  addIcon(brand.favicon_url ? (meta("org-area-api-base") || "").replace(/\/+$/, "") + brand.favicon_url : "data:,");

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element && element.content;
  }
  function addIcon(href) {
    var link = document.createElement("link");
    link.rel = "icon";
    link.href = href;
    document.head.appendChild(link);
  }
})();
