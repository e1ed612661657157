// Live activity feeds: one EventSource per feed; newest event on top; reconnects by itself.
(function () {
  "use strict";
  function time(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }
  document.querySelectorAll("ol.feed[data-stream]").forEach(function (feed) {
    var source = new EventSource(feed.dataset.stream);
    source.addEventListener("activity", function (message) {
      var event = JSON.parse(message.data);
      var item = document.createElement("li");
      item.className = "feed-item feed-item--" + event.action;
      item.dataset.eventId = event.id;
      var when = document.createElement("time");
      when.dateTime = event.at;
      when.textContent = time(event.at);
      var who = document.createElement("span");
      who.className = "feed-actor";
      who.textContent = event.actor_name;
      var what = document.createElement("span");
      what.className = "feed-summary";
      what.textContent = event.summary;  // textContent: a summary can never inject markup
      item.append(when, " ", who, " — ", what);
      feed.prepend(item);
    });
  });
})();
