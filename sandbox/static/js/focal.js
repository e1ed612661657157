/* Media edit page: a click on the preview sets the focal point fields (percent); the fields alone
   are enough with the keyboard. */
(function () {
  "use strict";
  const picker = document.getElementById("focal-picker");
  const x = document.getElementById("focal_x");
  const y = document.getElementById("focal_y");
  if (!picker || !x || !y) return;
  const img = picker.querySelector("img");
  const mark = picker.querySelector(".focal-picker__mark");
  const show = () => {
    const px = Math.min(100, Math.max(0, parseInt(x.value, 10) || 0));
    const py = Math.min(100, Math.max(0, parseInt(y.value, 10) || 0));
    mark.style.left = px + "%"; mark.style.top = py + "%";
  };
  img.addEventListener("click", (event) => {
    const box = img.getBoundingClientRect();
    x.value = Math.round(((event.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((event.clientY - box.top) / box.height) * 100);
    show();
  });
  x.addEventListener("input", show); y.addEventListener("input", show);
})();
