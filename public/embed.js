// The embed script for host pages: each <div data-org-area="https://app.example.com/embed/acme-studio/">
// on the page becomes a frame of the app that takes the height of its content. Protocol version 1
// (docs/embedding.md): the app posts org-area:ready, org-area:resize {height},
// org-area:navigated {path} and org-area:signed-out to this page, each also dispatched on the div
// as a DOM event of that name; the page may call div.orgArea.navigate("/users").
// Its name never changes and it needs nothing else, so host pages can link it once.
(function () {
  "use strict";
  if (window.OrgArea) return;
  var PREFIX = "org-area:";
  var embeds = [];

  function mount(element) {
    if (element.orgArea) return element.orgArea;
    var url;
    try {
      url = new URL(element.getAttribute("data-org-area"), location.href);
    } catch (e) {
      return null;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    var frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = element.getAttribute("data-org-area-title") || "Administration";
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = (parseInt(element.getAttribute("data-org-area-height"), 10) || 600) + "px";
    element.appendChild(frame);
    var embed = {
      element: element,
      frame: frame,
      origin: url.origin,
      ready: false,
      // Only the app's origin can receive it, whatever the frame shows by then.
      navigate: function (path) {
        if (frame.contentWindow) {
          frame.contentWindow.postMessage({ type: PREFIX + "navigate", path: String(path) }, url.origin);
        }
      }
    };
    element.orgArea = embed;
    embeds.push(embed);
    return embed;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data.type !== "string" || data.type.indexOf(PREFIX) !== 0) return;
    for (var i = 0; i < embeds.length; i++) {
      var embed = embeds[i];
      // Messages count only from the app's own frame and origin.
      if (event.source !== embed.frame.contentWindow || event.origin !== embed.origin) continue;
      if (data.type === PREFIX + "ready") embed.ready = true;
      if (data.type === PREFIX + "resize" && typeof data.height === "number" && data.height >= 0) {
        embed.frame.style.height = Math.ceil(data.height) + "px";
      }
      embed.element.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true }));
    }
  });

  function scan(root) {
    var found = (root || document).querySelectorAll("[data-org-area]");
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }

  window.OrgArea = { version: 1, mount: mount, scan: scan };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(); });
  } else {
    scan();
  }
})();
