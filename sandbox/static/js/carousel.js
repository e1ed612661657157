// Home carousel (B-MOD-2): move to the next slide every data-speed ms; pause on hover or keyboard focus
// (data-pause="1"). Without the script, the slides still scroll by hand (CSS scroll-snap).
(function () {
  "use strict";
  document.querySelectorAll(".home-carousel").forEach(function (carousel) {
    var list = carousel.querySelector(".home-carousel__slides");
    var slides = list ? list.children.length : 0;
    var speed = parseInt(carousel.getAttribute("data-speed"), 10) || 5000;
    if (slides < 2 || window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      return;
    }
    var paused = false;
    if (carousel.getAttribute("data-pause") === "1") {
      ["mouseenter", "focusin"].forEach(function (e) { carousel.addEventListener(e, function () { paused = true; }); });
      ["mouseleave", "focusout"].forEach(function (e) { carousel.addEventListener(e, function () { paused = false; }); });
    }
    var index = 0;
    window.setInterval(function () {
      if (paused) {
        return;
      }
      index = (index + 1) % slides;
      list.scrollTo({ left: list.children[index].offsetLeft - list.offsetLeft, behavior: "smooth" });
    }, speed);
  });
})();
