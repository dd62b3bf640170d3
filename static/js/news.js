/* Small enhancements of the news pages; every page works without them. */
(function () {
  "use strict";

  // "Quay lại": go back in history when the reader came from this site, else follow the link (the category).
  document.querySelectorAll("[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var ref = document.referrer;
      if (ref && ref.indexOf(location.origin + "/") === 0 && history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  });

  // YouTube loads only when the reader asks for it, from the no-cookie domain.
  document.querySelectorAll(".yt-launch[data-youtube-id]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(link.dataset.youtubeId) + "?autoplay=1&rel=0";
      frame.title = link.dataset.title || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.loading = "lazy";
      frame.className = "video-frame";
      link.replaceWith(frame);
    });
  });
})();
